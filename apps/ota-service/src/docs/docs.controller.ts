import { Controller, Get, Header } from '@nestjs/common';
import { otaApiDocument } from '@enos-ota/ota-contract/validation';
import { Public } from '../security/public.decorator';

/** The API description from the contract lib (never generated from decorators) and Swagger UI over it. */
@Public()
@Controller()
export class DocsController {
  @Get('openapi.json')
  openapi(): Readonly<Record<string, unknown>> {
    return otaApiDocument;
  }

  /** `/docs` and `/docs/` alike (routes ignore a trailing slash); assets load by absolute path. */
  @Get('docs')
  @Header('Content-Type', 'text/html; charset=utf-8')
  docs(): string {
    return DOCS_PAGE;
  }

  @Get('docs/init.js')
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  init(): string {
    return DOCS_INIT;
  }
}

// Scripts are files, not inline, so the page works under a strict Content-Security-Policy.
const DOCS_PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>enos-ota REST API</title>
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <link rel="stylesheet" href="/docs/swagger-ui.css">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/docs/swagger-ui-bundle.js"></script>
  <script src="/docs/init.js"></script>
</body>
</html>
`;

const DOCS_INIT = `window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui', deepLinking: true });\n`;
