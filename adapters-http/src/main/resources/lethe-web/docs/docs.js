// Swagger UI on this server's own OpenAPI document. "Try it out" goes to the server that served this
// page, whatever port it listens on (the document's servers entry names the default localhost:8080).
window.ui = SwaggerUIBundle({
  url: '/openapi.yaml',
  dom_id: '#swagger-ui',
  deepLinking: true,
  validatorUrl: null,
  tryItOutEnabled: false,
  requestInterceptor: request => {
    const target = new URL(request.url, window.location.href);
    if (target.origin !== window.location.origin) {
      request.url = window.location.origin + target.pathname + target.search;
    }
    return request;
  },
});
