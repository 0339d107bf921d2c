// Where `npm run package` writes the service package, and where the web app sits inside it. The
// service's default web root (apps/ota-service/src/main.ts) names the same folder.
export const PACKAGE_DIR = 'dist/ota-service';
export const PACKAGED_WEB_DIR = 'web';
