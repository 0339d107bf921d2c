import { Controller, Get, Header } from '@nestjs/common';
import { Public } from '../security/public.decorator';

/** Crawlers are asked to stay out of everything: this is an internal tool, not a site. */
const ROBOTS_TXT = 'User-agent: *\nDisallow: /\n';

/** `/robots.txt`, whether or not the web app is served (never the app's HTML); open to every crawler. */
@Public()
@Controller()
export class RobotsController {
  @Get('robots.txt')
  @Header('Content-Type', 'text/plain; charset=utf-8')
  @Header('Cache-Control', 'public, max-age=86400')
  robots(): string {
    return ROBOTS_TXT;
  }
}
