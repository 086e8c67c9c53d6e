"""The outbox page, resend, messages to a selection, 找回我的链接, declining optional messages."""

from __future__ import annotations

import re

from event.current import current_event
from event.enums import Role
from event.messages.config import MessageConfig
from event.messages.delivery import Courier
from event.programme import publication
from event.tables import AuditEntry, Message, Registration
from tests.event.programme.programme_data import FIRST, build, store_draft
from tests.factories import login, person, shown_errors

RECOVERED = "如果该手机号码或电子邮箱已登记本次会议，个人链接已发送到该手机或邮箱"


def rows_of(html: str) -> list[str]:
    return re.findall(r'<td class="status status-(\w+)">', html)


async def test_outbox_page_shows_each_message_as_delivered_locally(client) -> None:
    await client.post("/api/registrations", json=person(email="wang@example.cn"))
    await Courier(MessageConfig(public_url="http://testserver")).drain()
    await login(client, "zhang", Role.organiser)
    page = await client.get("/admin/messages")
    assert (rows_of(page.text), page.text.count("已投递到本地邮箱")) == (["local", "local"], 3)


async def test_message_page_shows_the_reason_of_a_failure(client) -> None:
    await client.post("/api/registrations", json=person())
    await Message.update(
        {
            Message.status: "failed",
            Message.last_error: "短信接口 isv.SMS_TEMPLATE_ILLEGAL：模板不合法",
        },
        force=True,
    )
    message_id = (await Message.select(Message.id).first())["id"]
    await login(client, "zhang", Role.organiser)
    page = await client.get(f"/admin/messages/{message_id}")
    assert "原因：短信接口 isv.SMS_TEMPLATE_ILLEGAL：模板不合法" in page.text


async def test_resend_queues_the_message_again_and_is_audited(client) -> None:
    await client.post("/api/registrations", json=person())
    await Message.update({Message.status: "failed"}, force=True)
    message_id = (await Message.select(Message.id).first())["id"]
    await login(client, "zhang", Role.organiser)
    answer = await client.post(f"/admin/messages/{message_id}/resend")
    status = (await Message.select(Message.status).first())["status"]
    audited = await AuditEntry.count().where(AuditEntry.action == "message.resend")
    assert (answer.status_code, status, audited) == (303, "queued", 1)


async def test_message_to_not_yet_arrived_observers_skips_arrived_ones(client) -> None:
    await client.post("/api/registrations", json=person())
    arrived = (
        await client.post("/api/registrations", json=person(name="李到了", mobile="13900000001"))
    ).json()
    await Registration.update({Registration.checked_in_at: Registration.created_at}).where(
        Registration.id == arrived["id"]
    )
    await login(client, "zhang", Role.organiser)
    form = {
        "category": "observer",
        "not_arrived": "on",
        "channel": "sms",
        "subject": "报到提醒",
        "body": "请于明日9点前报到。",
    }
    answer = await client.post("/admin/messages/send", data=form)
    sent = await Message.select(Message.recipient, Message.text).where(
        Message.topic == "message.broadcast"
    )
    assert (answer.status_code, [m["recipient"] for m in sent]) == (303, ["13800138000"])
    assert sent[0]["text"] == "请于明日9点前报到。"


async def test_message_to_a_unit_nobody_registered_for_is_refused_naming_it(client) -> None:
    await client.post("/api/registrations", json=person())
    await login(client, "zhang", Role.organiser)
    form = {"organization": "洛阳华锐", "channel": "sms", "subject": "通知", "body": "会场变更。"}
    answer = await client.post("/admin/messages/send", data=form)
    assert (answer.status_code, shown_errors(answer.text)) == (
        400,
        {"organization": "没有“洛阳华锐”的有效登记，请填写登记时的单位全称"},
    )
    assert await Message.count().where(Message.topic == "message.broadcast") == 0
    full = await client.post(
        "/admin/messages/send", data=form | {"organization": "某某重型机械股份有限公司"}
    )
    assert (
        full.status_code,
        await Message.count().where(Message.topic == "message.broadcast"),
    ) == (
        303,
        1,
    )


async def test_message_to_a_selection_refuses_an_sms_too_long(client) -> None:
    await login(client, "zhang", Role.organiser)
    form = {"channel": "sms", "subject": "通知", "body": "长" * 600}
    answer = await client.post("/admin/messages/send", data=form)
    assert (answer.status_code, shown_errors(answer.text)) == (
        400,
        {"body": "短信内容过长（600字，最多498字）"},
    )


async def test_declined_person_gets_no_message_to_a_selection(client) -> None:
    created = (await client.post("/api/registrations", json=person())).json()
    await client.post(f"/r/{created['token']}/messages", data={})
    await login(client, "zhang", Role.organiser)
    form = {"channel": "sms", "subject": "通知", "body": "会场变更。"}
    answer = await client.post("/admin/messages/send", data=form)
    assert await Message.count().where(Message.topic == "message.broadcast") == 0
    assert (answer.status_code, shown_errors(answer.text)) == (400, {
        "category": "所选范围（全部类别）没有可以发送的代表："
        "没有有效登记、都已选择不接收，或没有所选方式的联系地址",
    })  # fmt: skip


async def test_personal_settings_page_shows_the_choice_saved(client) -> None:
    created = (await client.post("/api/registrations", json=person())).json()
    await client.post(f"/r/{created['token']}/messages", data={})
    page = await client.get(f"/r/{created['token']}/messages?saved=1")
    assert ("设置已保存" in page.text, 'name="optional" checked' in page.text) == (True, False)


async def test_recovery_sends_the_link_to_the_registered_mobile(client) -> None:
    created = (await client.post("/api/registrations", json=person())).json()
    await client.post("/recover", data={"contact": "138-0013-8000"})
    (sms,) = await Message.select(Message.recipient, Message.text).where(
        Message.topic == "link.recover"
    )
    assert (sms["recipient"], f"http://testserver/r/{created['token']}" in sms["text"]) == (
        "13800138000",
        True,
    )


async def test_recovery_by_email_sends_an_email_only(client) -> None:
    await client.post("/api/registrations", json=person(email="wang@example.cn"))
    await client.post("/recover", data={"contact": "wang@example.cn"})
    sent = await Message.select(Message.channel, Message.recipient).where(
        Message.topic == "link.recover"
    )
    assert sent == [{"channel": "email", "recipient": "wang@example.cn"}]


async def test_recovery_answers_the_same_whether_or_not_registered(client) -> None:
    await client.post("/api/registrations", json=person())
    known = await client.post("/recover", data={"contact": "13800138000"})
    unknown = await client.post("/recover", data={"contact": "13900009999"})
    strip = lambda html: re.sub(r'value="[^"]*"', "", html)  # noqa: E731  (the CSRF field differs)
    assert (known.status_code, unknown.status_code, RECOVERED in known.text) == (200, 200, True)
    assert strip(known.text) == strip(unknown.text)


async def test_recovery_sends_at_most_three_links_an_hour_to_one_mobile(client) -> None:
    await client.post("/api/registrations", json=person())
    for _ in range(5):
        await client.post("/recover", data={"contact": "13800138000"})
    assert await Message.count().where(Message.topic == "link.recover") == 3


async def test_recovery_refuses_what_is_neither_mobile_nor_email(client) -> None:
    answer = await client.post("/recover", data={"contact": "王小明"})
    assert (answer.status_code, shown_errors(answer.text)) == (
        400,
        {"contact": "请填写登记时使用的手机号码（11位）或电子邮箱"},
    )


async def test_message_to_one_rooms_presenters_reaches_them_only(client) -> None:
    world = await build(await current_event())
    await store_draft(world, FIRST)
    await publication.publish(world.event.id)
    await login(client, "zhang", Role.organiser)
    form = {
        "room": str(world.rooms["第一分会场"]),
        "channel": "sms",
        "subject": "彩排",
        "body": "请发表人9点到第一分会场彩排。",
    }
    await client.post("/admin/messages/send", data=form)
    sent = (
        await Message.select(Message.recipient_name)
        .where(Message.topic == "message.broadcast")
        .order_by(Message.id)
    )
    assert sorted(m["recipient_name"] for m in sent) == ["张伟", "李娜", "王芳"]


async def test_message_to_an_unknown_room_is_refused(client) -> None:
    await login(client, "zhang", Role.organiser)
    answer = await client.post(
        "/admin/messages/send",
        data={"room": "999999", "channel": "sms", "subject": "x", "body": "y"},
    )
    assert (answer.status_code, shown_errors(answer.text)) == (400, {"room": "分会场不存在"})
