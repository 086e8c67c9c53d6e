"""JSON API: register one delegate or a delegation; read, change and cancel by personal token."""

from __future__ import annotations

from litestar import Controller, get, patch, post
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED

from event.current import EventInfo
from event.registration import roster
from event.registration import service as registrations
from event.registration.schemas import (
    DelegationCreate,
    DelegationCreated,
    Registration,
    RegistrationCreate,
    RegistrationCreated,
    RegistrationUpdate,
)
from event.web.error_body import ERROR_RESPONSES


class RegistrationApi(Controller):
    path = "/api"
    tags = ["登记"]

    @post(
        "/registrations",
        status_code=HTTP_201_CREATED,
        operation_id="createRegistration",
        responses=ERROR_RESPONSES,
    )
    async def create(
        self, event: NamedDependency[EventInfo], data: JSONBody[RegistrationCreate]
    ) -> RegistrationCreated:
        """登记一名参会代表。"""
        return await registrations.register(event, data)

    @post(
        "/delegations",
        status_code=HTTP_201_CREATED,
        operation_id="createDelegation",
        responses=ERROR_RESPONSES,
    )
    async def create_delegation(
        self, event: NamedDependency[EventInfo], data: JSONBody[DelegationCreate]
    ) -> DelegationCreated:
        """单位联系人一次登记本单位全部代表：全部成功或全部不保存。"""
        return await registrations.register_delegation(event, data)

    @get("/registrations/{token:str}", operation_id="getOwnRegistration", responses=ERROR_RESPONSES)
    async def read(self, token: FromPath[str]) -> Registration:
        """凭个人令牌查看本人登记。"""
        return (await roster.by_token(token))[0]

    @patch(
        "/registrations/{token:str}",
        operation_id="updateOwnRegistration",
        responses=ERROR_RESPONSES,
    )
    async def change(
        self,
        event: NamedDependency[EventInfo],
        token: FromPath[str],
        data: JSONBody[RegistrationUpdate],
    ) -> Registration:
        """凭个人令牌修改本人登记。"""
        return await roster.update(event, token, data)

    @post(
        "/registrations/{token:str}/cancel",
        status_code=HTTP_200_OK,
        operation_id="cancelOwnRegistration",
        responses=ERROR_RESPONSES,
    )
    async def cancel(self, token: FromPath[str]) -> Registration:
        """凭个人令牌取消本人登记。"""
        return await roster.cancel(token)
