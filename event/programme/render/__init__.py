"""Pure renderers of the programme: ICS calendars, the handbook PDF and its HTML, from plain data.

Public API (import from the submodules; this package imports nothing, so it stays cheap):

* ``event.programme.render.model``: ``AgendaItem``, ``Room``, ``Delegate``, ``Programme`` (frozen dataclasses)
* ``event.programme.render.ics.render_calendar(name, items, *, prodid, url=None) -> bytes``
* ``event.programme.render.pdf.render_programme_pdf(programme) -> bytes``
* ``event.programme.render.pdf.render_programme_html(programme) -> str``
* ``event.programme.render.dates``: ``long_date``, ``day_heading``, ``date_range``, ``time_range``
* ``event.programme.render.sample.synthetic_programme()``: a made-up full-size event for tests and demos
* name ordering lives in ``event.collation`` (姓氏笔画 / 姓名笔画 / pinyin)
"""
