"""The Aliyun SMS adapter against a local HTTP server that checks each request as Aliyun's
SendSms documentation describes it, with its signature computed here independently."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
import urllib.parse
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from event.messages import outbox, sms
from event.messages.config import MessageConfig, SmsConfig, load_config
from event.messages.delivery import Courier
from event.messages.outbox import Outgoing
from event.tables import Message

SECRET = "testsecret"
ANSWERS = {  # phone → the provider's answer
    "13800000001": {"Code": "isv.BUSINESS_LIMIT_CONTROL", "Message": "触发小时级流控Permits:5"},
    "13800000002": {"Code": "isv.SMS_TEMPLATE_ILLEGAL", "Message": "模板不合法(不存在或被拉黑)"},
}
REQUIRED = {"AccessKeyId", "Action", "Format", "RegionId", "SignatureMethod", "SignatureNonce",
            "SignatureVersion", "Timestamp", "Version", "PhoneNumbers", "SignName", "TemplateCode",
            "TemplateParam", "Signature"}  # fmt: skip


def aliyun_signature(query: dict[str, str]) -> str:
    """As documented: sorted, percent-encoded (%20, %2A, ~), GET&%2F&…, HMAC-SHA1 with secret&."""
    enc = lambda s: urllib.parse.quote(s, safe="~").replace("+", "%20").replace("*", "%2A")  # noqa: E731
    canonical = "&".join(f"{enc(k)}={enc(v)}" for k, v in sorted(query.items()) if k != "Signature")
    digest = hmac.new(
        f"{SECRET}&".encode(), f"GET&%2F&{enc(canonical)}".encode(), hashlib.sha1
    ).digest()
    return base64.b64encode(digest).decode()


class Provider(BaseHTTPRequestHandler):
    seen: list[dict[str, str]] = []

    def do_GET(self) -> None:
        query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(self.path).query))
        Provider.seen.append(query)
        if not query.keys() >= REQUIRED or query["Signature"] != aliyun_signature(query):
            answer, status = {"Code": "SignatureDoesNotMatch", "Message": "签名不符"}, 400
        else:
            answer = ANSWERS.get(
                query["PhoneNumbers"],
                {"Code": "OK", "Message": "OK", "BizId": "9006197469364984400"},
            )
            status = 200
        body = json.dumps(answer, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json;charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def provider() -> Iterator[MessageConfig]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Provider)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    Provider.seen = []
    config = SmsConfig(access_key_id="LTAI5tTestKey", access_key_secret=SECRET, sign_name="中国机械质协",
                       template_code="SMS_154950909", endpoint=f"http://127.0.0.1:{server.server_port}/")  # fmt: skip
    yield MessageConfig(public_url="http://testserver", sms=config)
    server.shutdown()


async def send(
    config: MessageConfig,
    phone: str,
    text: str = "您已登记参加本次交流活动。链接：http://testserver/r/x",
) -> dict:
    await outbox.queue(None, [Outgoing(channel="sms", recipient=phone, text=text, topic="test")])
    await Courier(config).drain()
    return await Message.select().first()


async def test_request_names_action_phone_sign_template_and_params(db_url, provider) -> None:
    await send(provider, "13900000000", "你好 *~世界")
    (query,) = Provider.seen
    got = {
        k: query[k]
        for k in (
            "Action",
            "Version",
            "PhoneNumbers",
            "SignName",
            "TemplateCode",
            "SignatureMethod",
        )
    }
    assert got == {"Action": "SendSms", "Version": "2017-05-25", "PhoneNumbers": "13900000000", "SignName": "中国机械质协",
                   "TemplateCode": "SMS_154950909", "SignatureMethod": "HMAC-SHA1"}  # fmt: skip
    assert json.loads(query["TemplateParam"]) == {"content": "你好 *~世界"}


async def test_signed_request_is_accepted_and_its_biz_id_kept(db_url, provider) -> None:
    row = await send(provider, "13900000000")
    assert (row["status"], row["provider_id"]) == ("sent", "9006197469364984400")


async def test_throttled_answer_is_retried_later(db_url, provider) -> None:
    row = await send(provider, "13800000001")
    assert (row["status"], row["last_error"]) == (
        "queued",
        "短信接口 isv.BUSINESS_LIMIT_CONTROL：触发小时级流控Permits:5",
    )


async def test_bad_template_answer_fails_for_good(db_url, provider) -> None:
    row = await send(provider, "13800000002")
    assert (row["status"], row["last_error"]) == (
        "failed",
        "短信接口 isv.SMS_TEMPLATE_ILLEGAL：模板不合法(不存在或被拉黑)",
    )


async def test_wrong_secret_is_refused_by_the_signature_check(db_url, provider) -> None:
    config = provider.sms
    wrong = MessageConfig(public_url="x", sms=SmsConfig(config.access_key_id, "other", config.sign_name,
                                                        config.template_code, config.endpoint))  # fmt: skip
    row = await send(wrong, "13900000000")
    assert (row["status"], row["last_error"]) == (
        "failed",
        "短信接口 SignatureDoesNotMatch：签名不符",
    )


def test_parts_counts_70_then_67_per_part_with_the_sign() -> None:
    assert [sms.parts("字" * n, "质协") for n in (66, 67, 130, 131)] == [1, 2, 2, 3]


def test_text_over_500_characters_is_refused() -> None:
    with pytest.raises(ValueError, match="短信内容过长"):
        sms.check_length("字" * 497, "质协")


def test_sms_settings_come_from_the_environment() -> None:
    env = {"QCCONF_SMS_ACCESS_KEY_ID": "k", "QCCONF_SMS_ACCESS_KEY_SECRET": "s", "QCCONF_SMS_SIGN_NAME": "质协",
           "QCCONF_SMS_TEMPLATE_CODE": "SMS_1", "QCCONF_SMS_ENDPOINT": "http://127.0.0.1:9/"}  # fmt: skip
    assert load_config(env).sms == SmsConfig("k", "s", "质协", "SMS_1", "http://127.0.0.1:9/")


def test_without_sms_settings_sms_go_to_the_local_mailbox() -> None:
    assert load_config({}).sms is None
