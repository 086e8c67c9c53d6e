"""A material's own link is shown whole, to copy, once it is sent."""

from __future__ import annotations

from httpx import AsyncClient

from tests.factories import qc


async def test_sent_material_shows_its_whole_link(client: AsyncClient) -> None:
    form = {k: ("是" if v is True else str(v)) for k, v in qc().items()}
    response = await client.post("/submit/qc", data=form)
    page = await client.get(response.headers["location"])
    token = response.headers["location"].split("/s/")[1].split("?")[0]
    assert f'value="http://testserver/s/{token}"' in page.text
    assert 'data-copy="material-link"' in page.text
