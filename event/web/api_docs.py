"""The API documentation pages (/schema), served with this server's own files only.

Swagger UI comes from the pinned `swagger-ui-bundle-v2` package and is served under ASSETS; the
page has no inline script, so the site's Content-Security-Policy (scripts from 'self') holds
there too. Litestar's other viewers (ReDoc, Stoplight, RapiDoc, Scalar) load from a CDN and
no pinned package ships their files, so they are not offered.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from litestar import Request
from litestar.openapi.plugins import JsonRenderPlugin, SwaggerRenderPlugin, YamlRenderPlugin
from litestar.static_files import create_static_files_router
from swagger_ui_bundle import swagger_ui_path

ASSETS = "/api-docs/assets"
OWN = Path(__file__).resolve().parent / "api_docs_static"


class LocalSwaggerPlugin(SwaggerRenderPlugin):
    """Swagger UI at /schema and /schema/swagger, from ASSETS, started by a script file."""

    def __init__(self) -> None:
        super().__init__(
            js_url=f"{ASSETS}/swagger-ui-bundle.js", css_url=f"{ASSETS}/swagger-ui.css",
            standalone_preset_js_url=f"{ASSETS}/swagger-ui-standalone-preset.js",
            path=["/", "/swagger"],
        )  # fmt: skip

    def render(self, request: Request, openapi_schema: dict[str, Any]) -> bytes:
        """The page: the viewer's files and our starter script, no inline code."""
        title = html.escape(openapi_schema["info"]["title"])
        page = f"""<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>{title}</title>
<link rel="icon" href="{ASSETS}/favicon-32x32.png">
<link rel="stylesheet" href="{self.css_url}"></head><body>
<div id="swagger-ui" data-url="/schema/openapi.json"></div>
<script src="{self.js_url}"></script><script src="{self.standalone_preset_js_url}"></script>
<script src="{ASSETS}/swagger-init.js"></script></body></html>"""
        return page.encode()


def render_plugins() -> list[Any]:
    """The OpenAPI viewers offered: the documents (JSON, YAML) and the local Swagger UI."""
    return [LocalSwaggerPlugin(), JsonRenderPlugin(), YamlRenderPlugin()]


def assets_router() -> Any:
    """Serves Swagger UI's files and the starter script (no directory listing)."""
    return create_static_files_router(
        path=ASSETS, directories=[OWN, Path(str(swagger_ui_path))], include_in_schema=False
    )
