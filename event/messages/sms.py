"""SMS: one interface, one real provider (Aliyun 短信服务, dysmsapi 2017-05-25 SendSms).

The official SDK (alibabacloud-dysmsapi20170525) pulls in the Tea runtime, credentials and
OpenAPI packages for one signed GET; this adapter sends the same request with httpx, signed as
Aliyun's RPC API documents it (signature version 1.0, HMAC-SHA1 over the canonical query). The
organiser registers one template whose only parameter is `${content}`; the sign name (签名)
is added by the provider as 【签名】.

Length: Aliyun counts 70 characters for a one-part SMS and 67 per part beyond, sign name
included, and refuses more than 500; `check_length` refuses a text over that before it is queued.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
from datetime import UTC, datetime
from typing import Any, Protocol
from urllib.parse import quote

import httpx

from event.messages.config import SmsConfig
from event.messages.email import DeliveryError

MAX_CHARS = 500
SINGLE, PART = 70, 67
# Provider answers that a later attempt may get past; any other code is permanent.
TRANSIENT_CODES = frozenset(
    {"isv.BUSINESS_LIMIT_CONTROL", "isp.SYSTEM_ERROR", "Throttling", "isv.DAY_LIMIT_CONTROL"}
)


class SmsSender(Protocol):
    async def send(self, row: dict[str, Any]) -> str: ...

    async def close(self) -> None: ...


def parts(text: str, sign_name: str = "") -> int:
    """How many SMS a text is billed as (the sign name 【…】 counts)."""
    n = len(text) + (len(sign_name) + 2 if sign_name else 0)
    return 1 if n <= SINGLE else -(-n // PART)


def check_length(text: str, sign_name: str = "") -> str:
    """The text, or ValueError when the provider would refuse it as too long."""
    if len(text) + len(sign_name) + 2 > MAX_CHARS:
        raise ValueError(f"短信内容过长（{len(text)}字，最多{MAX_CHARS - len(sign_name) - 2}字）")
    return text


def percent(value: str) -> str:
    """Aliyun's percent-encoding: RFC 3986 unreserved characters kept, space as %20."""
    return quote(value, safe="-_.~")


def signature(params: dict[str, str], secret: str, method: str = "GET") -> str:
    """The RPC signature (version 1.0, HMAC-SHA1) of these parameters."""
    canonical = "&".join(f"{percent(k)}={percent(v)}" for k, v in sorted(params.items()))
    to_sign = f"{method}&{percent('/')}&{percent(canonical)}"
    digest = hmac.new(f"{secret}&".encode(), to_sign.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


def send_sms_params(config: SmsConfig, phone: str, content: str, out_id: str) -> dict[str, str]:
    """The signed query of one SendSms request."""
    params = {
        "AccessKeyId": config.access_key_id, "Action": "SendSms", "Format": "JSON",
        "RegionId": "cn-hangzhou", "SignatureMethod": "HMAC-SHA1",
        "SignatureNonce": secrets.token_hex(16), "SignatureVersion": "1.0",
        "Timestamp": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"), "Version": "2017-05-25",
        "PhoneNumbers": phone, "SignName": config.sign_name, "TemplateCode": config.template_code,
        "TemplateParam": json.dumps({"content": content}, ensure_ascii=False), "OutId": out_id,
    }  # fmt: skip
    params["Signature"] = signature(params, config.access_key_secret)
    return params


class AliyunSms:
    """Aliyun's SendSms over one kept HTTPS client."""

    def __init__(self, config: SmsConfig) -> None:
        self.config = config
        self._http = httpx.AsyncClient(timeout=15)

    async def send(self, row: dict[str, Any]) -> str:
        """Send one row; returns the provider's BizId. Raises DeliveryError."""
        params = send_sms_params(self.config, row["recipient"], row["text"], f"qcconf-{row['id']}")
        try:
            answer = await self._http.get(self.config.endpoint, params=params)
            body = answer.json()
        except (httpx.HTTPError, ValueError) as exc:
            raise DeliveryError(f"短信接口无应答：{type(exc).__name__}", permanent=False) from None
        code = str(body.get("Code", answer.status_code))
        if code == "OK":
            return str(body.get("BizId", ""))
        reason = f"短信接口 {code}：{body.get('Message', '')}"
        raise DeliveryError(
            reason, permanent=code not in TRANSIENT_CODES and answer.status_code < 500
        )

    async def close(self) -> None:
        await self._http.aclose()
