// Swagger UI over this server's OpenAPI schema; every asset comes from this server.
window.ui = SwaggerUIBundle({
  url: "/openapi.json",
  dom_id: "#swagger-ui",
  presets: [SwaggerUIBundle.presets.apis],
  layout: "BaseLayout",
  deepLinking: true,
  validatorUrl: null, // no badge from the public validator: nothing loads from outside
});
