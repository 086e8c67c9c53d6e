"""How a batch is cut into chunks and shared between processes; the PDF is the same either way."""

from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from xml.etree import ElementTree

import pytest

from badges import DEFAULT_PALETTE, render_badges
from badges.document import lay_out, prepare
from badges.render import _Pages, _worker_context
from badges.slices import BadgeHTML
from tests.badges.conftest import BATCH
from tests.badges.pdftools import decode_qr, page_texts, pdffonts


def test_pages_are_handed_out_once_from_both_ends_in_shrinking_chunks():
    work = _Pages(650, max_pages=100, min_pages=20, parties=2)
    front, back = [], []
    while (chunk := work.take(from_back=len(front) > len(back))) is not None:
        (back if len(front) > len(back) else front).append(chunk)
    assert sorted(p for chunk in front + back for p in chunk) == list(range(650))
    assert [c.start for c in front] == [0] + [c.stop for c in front[:-1]]  # from the start
    assert [c.stop for c in back] == [650] + [c.start for c in back[:-1]]  # from the end
    sizes = [len(c) for pair in zip(front, back, strict=False) for c in pair]
    assert sizes[0] <= 100 and sizes == sorted(sizes, reverse=True)
    assert all(len(c) >= 20 for c in front[:-1] + back[:-1])


def test_failed_chunk_stops_the_hand_out():
    work = _Pages(100, max_pages=10, min_pages=5, parties=2)
    work.take(from_back=False)
    work.fail()
    assert (work.take(from_back=True), work.failed) == (None, True)


def _batch(count: int) -> list:
    return [replace(BATCH[i % 6], token=f"QC40-chunk-{i:02d}") for i in range(count)]


def test_chunks_of_one_process_make_one_pdf_with_one_copy_of_each_font(meeting, tmp_path):
    badges = _batch(7)
    pdf = render_badges(badges, meeting, "card", workers=1, chunk_size=3)
    assert [b.name in t for b, t in zip(badges, page_texts(pdf), strict=True)] == [True] * 7
    assert decode_qr(pdf, tmp_path, page=7) == ["QC40-chunk-06"]
    assert len(pdffonts(pdf, tmp_path)) == 2  # regular and bold, not once per chunk


def test_two_processes_give_the_pages_of_one(meeting, tmp_path):
    badges = _batch(30)
    pdf = render_badges(badges, meeting, "card", workers=2, chunk_size=4)
    assert page_texts(pdf) == page_texts(render_badges(badges, meeting, "card", workers=1))
    assert decode_qr(pdf, tmp_path, page=30) == ["QC40-chunk-29"]
    assert len(pdffonts(pdf, tmp_path)) <= 4  # one subset of each font per process


def test_two_processes_started_beside_other_threads_give_the_pages_of_one(meeting):
    # A web server calls from a worker thread: the second process is spawned, not forked.
    badges = _batch(30)
    with ThreadPoolExecutor(max_workers=1) as thread:
        assert thread.submit(_worker_context).result().get_start_method() == "spawn"
        pdf = thread.submit(render_badges, badges, meeting, "card", workers=2, chunk_size=4)
        texts = page_texts(pdf.result())
    assert texts == page_texts(render_badges(badges, meeting, "card", workers=1))


def test_the_only_thread_forks_its_workers():
    # In a fresh interpreter: the test runner itself may have threads left from other tests.
    code = "from badges.render import _worker_context as c; print(c().get_start_method())"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["fork"]


def test_workers_that_join_late_leave_this_process_what_it_can_write_meanwhile():
    work = _Pages(650, max_pages=100, min_pages=20, parties=2)
    early = [work.take(from_back=False) for _ in range(2)]  # before the worker is ready
    work.join()  # stops at (650 + 153 / 1.8) / 2 = 367.5
    front, back = [], []
    while (chunk := work.take(from_back=False)) is not None:
        front.append(chunk)
    while (chunk := work.take(from_back=True)) is not None:
        back.append(chunk)
    assert [c.stop for c in early] == [82, 153]
    assert (front[-1].stop, back[-1].start, back[0].stop) == (368, 368, 650)


@pytest.mark.parametrize("layout", ["a6", "card", "a4-4up"])
def test_a_chunk_is_laid_out_as_one_page_and_cut_into_badges(meeting, layout):
    # One WeasyPrint page per badge costs ~2 ms each (page and margin-box styles).
    laid = lay_out(BATCH, meeting, layout, DEFAULT_PALETTE)
    titles = ("代表证", "评委证", "工作证")  # in order of first use in BATCH
    assert (len(laid.document.pages), laid.chunk.shared) == (1, titles)
    assert len(laid.pages) == len(titles) + len(BATCH)


@pytest.mark.parametrize("layout", ["a6", "card"])
def test_the_badge_document_is_well_formed_xml_for_expat(meeting, layout):
    badges = [*BATCH, replace(BATCH[0], name="<b>&amp;</b>\"'", unit="甲&乙<公司>")]
    html = prepare(badges, meeting, layout, DEFAULT_PALETTE).html
    assert ElementTree.fromstring(html).tag == "html"


def test_a_document_xml_refuses_is_parsed_as_html():
    doc = BadgeHTML(string="<!DOCTYPE html><p>甲<br>乙", base_url=None, url_fetcher=None)
    assert [e.tag for e in doc.etree_element.iter()] == ["html", "head", "body", "p", "br"]
