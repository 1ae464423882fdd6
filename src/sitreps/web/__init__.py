"""The web map: static files served by sitreps.api (`sitreps serve`)."""
