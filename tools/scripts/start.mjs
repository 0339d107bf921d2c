#!/usr/bin/env node
// `npm start`: the product on its embedded default. Filled in by the service work.
console.error('The OTA service does not exist yet; `npm run simulator` starts the EnOS simulator.');
process.exit(1);
