"""Bearer-token checks: writes always need the token, reads only when reads are closed."""

from __future__ import annotations

import hmac
from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from saidwhat.serve.problems import ProblemError
from saidwhat.serve.settings import Settings

# auto_error=False: a missing header is answered by our own problem+json 401, not FastAPI's.
bearer = HTTPBearer(auto_error=False, description="The server's write token (--token or SAIDWHAT_TOKEN).")
CHALLENGE = {"WWW-Authenticate": 'Bearer realm="saidwhat"'}


def _check(settings: Settings, credentials: HTTPAuthorizationCredentials | None) -> None:
    if settings.token is None:
        raise ProblemError(403, "this server accepts no writes (start it with --token to enable them)")
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise ProblemError(401, "send the server's token as 'Authorization: Bearer <token>'", CHALLENGE)
    if not hmac.compare_digest(credentials.credentials.encode(), settings.token.encode()):
        raise ProblemError(401, "wrong token", CHALLENGE)


def require_write(settings: Settings) -> Callable[..., None]:
    def dependency(credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]) -> None:
        _check(settings, credentials)

    return dependency


def require_read(settings: Settings) -> Callable[..., None]:
    def dependency(request: Request) -> None:
        if settings.open_reads:
            return
        header = request.headers.get("authorization", "")
        scheme, _, token = header.partition(" ")
        credentials = (
            HTTPAuthorizationCredentials(scheme=scheme, credentials=token.strip()) if token else None
        )
        _check(settings, credentials)

    return dependency
