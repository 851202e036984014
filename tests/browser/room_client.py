"""A participant's page without a browser: the same requests a Voilà page makes, over HTTP and the
kernel's websocket. Used by the facilitator-mode tests and by benchmarks/bench_room.py.

What the page does, in order: GET the dashboard (the server runs the notebook in a new kernel), open
the kernel's websocket, ask for kernel_info, open the widget control comm and request every widget's
state (that is when the form can be used), then on submit send the form's answers as a widget
update, and on "Send to the group" send the share panel a custom message.
"""
from __future__ import annotations

import asyncio
import datetime
import json
import re
import time
import uuid
from http.cookies import SimpleCookie

from tornado import httpclient, websocket

CONFIG = re.compile(r'<script id="jupyter-config-data" type="application/json">\s*(\{.*?\})\s*</script>', re.S)


def message(msg_type: str, content: dict, session: str, channel: str = "shell", metadata: dict | None = None) -> dict:
    return {"header": {"msg_id": uuid.uuid4().hex, "msg_type": msg_type, "username": "", "session": session,
                       "date": datetime.datetime.now(datetime.timezone.utc).isoformat(), "version": "5.3"},
            "parent_header": {}, "metadata": metadata or {}, "content": content, "channel": channel, "buffers": []}


class PageClient:
    def __init__(self, base: str, token: str = ""):
        self.base = base.rstrip("/")
        self.token = token
        self.cookies: dict[str, str] = {}
        self.http = httpclient.AsyncHTTPClient(force_instance=True, defaults={"request_timeout": 300,
                                                                               "connect_timeout": 60})
        self.ws: websocket.WebSocketClientConnection | None = None
        self.kernel_id = ""
        self.session = uuid.uuid4().hex
        self.states: dict[str, dict] = {}
        self.incoming: list[dict] = []
        self.timings: dict[str, float] = {}

    def _cookie_header(self) -> dict:
        return {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} if self.cookies else {}

    def _keep_cookies(self, response) -> None:
        for header in response.headers.get_list("Set-Cookie"):
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value

    async def get(self, path: str, with_token: bool = False):
        url = self.base + path
        if with_token and self.token:
            url += ("&" if "?" in url else "?") + "token=" + self.token
        response = await self.http.fetch(url, headers=self._cookie_header(), raise_error=False, follow_redirects=False)
        self._keep_cookies(response)
        return response

    async def open_page(self, path: str) -> str:
        """GET the page (the notebook runs in a new kernel) and connect to that kernel."""
        start = time.monotonic()
        response = await self.get(f"/voila/render/{path}", with_token=not self.cookies)
        if response.code != 200:
            raise RuntimeError(f"GET {path} answered {response.code}")
        page = response.body.decode()
        self.timings["html"] = time.monotonic() - start
        self.kernel_id = json.loads(CONFIG.search(page).group(1))["kernelId"]
        await self.connect()
        await self.request("kernel_info_request", {}, "kernel_info_reply")
        await self.load_widget_states()
        self.timings["interactive"] = time.monotonic() - start
        return page

    async def connect(self, cookies: bool = True) -> None:
        ws_base = self.base.replace("http://", "ws://").replace("https://", "wss://")
        request = httpclient.HTTPRequest(f"{ws_base}/api/kernels/{self.kernel_id}/channels?session_id={self.session}",
                                         headers=self._cookie_header() if cookies else {}, request_timeout=120)
        self.ws = await websocket.websocket_connect(request)

    async def send(self, msg: dict) -> None:
        await self.ws.write_message(json.dumps(msg))

    async def receive(self, predicate, seconds: float = 120) -> dict:
        """Wait for a message matching predicate (keeping everything seen in self.incoming)."""
        for msg in self.incoming:
            if predicate(msg):
                return msg
        deadline = time.monotonic() + seconds
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("no matching message from the kernel")
            raw = await asyncio.wait_for(self.ws.read_message(), left)
            if raw is None:
                raise ConnectionError("the kernel's websocket closed")
            msg = json.loads(raw)
            self.incoming.append(msg)
            if predicate(msg):
                return msg

    async def request(self, msg_type: str, content: dict, reply_type: str, channel: str = "shell") -> dict:
        msg = message(msg_type, content, self.session, channel)
        await self.send(msg)
        return await self.receive(lambda m: m["header"]["msg_type"] == reply_type
                                  and m["parent_header"].get("msg_id") == msg["header"]["msg_id"])

    async def load_widget_states(self) -> None:
        """What the widget manager does on load: open the control comm and ask for every state."""
        comm_id = uuid.uuid4().hex
        await self.send(message("comm_open", {"comm_id": comm_id, "target_name": "jupyter.widget.control",
                                              "data": {}}, self.session, metadata={"version": "1.0.0"}))
        request = message("comm_msg", {"comm_id": comm_id, "data": {"method": "request_states"}}, self.session)
        await self.send(request)
        reply = await self.receive(lambda m: m["content"].get("comm_id") == comm_id and (
            m["header"]["msg_type"] == "comm_close" or m["content"]["data"].get("method") == "update_states"))
        # A page without widgets: the kernel has no widget control comm and closes it at once.
        self.states = reply["content"]["data"].get("states", {})

    def model(self, key: str) -> str:
        """The id of the first widget whose state has `key` (spec: the form; shared_names: the share panel)."""
        return next(mid for mid, s in self.states.items() if key in s.get("state", {}))

    async def update(self, model_id: str, state: dict) -> None:
        await self.send(message("comm_msg", {"comm_id": model_id, "data": {"method": "update", "state": state,
                                                                            "buffer_paths": []}}, self.session))

    async def custom(self, model_id: str, content: dict) -> None:
        await self.send(message("comm_msg", {"comm_id": model_id, "data": {"method": "custom", "content": content}},
                                self.session))

    def _state_change(self, model_id: str, key: str):
        def match(m):
            data = m["content"].get("data", {}) if m["header"]["msg_type"] == "comm_msg" else {}
            return m["content"].get("comm_id") == model_id and key in data.get("state", {})
        return match

    async def submit_form(self, own: int = 2, others: int = 5) -> None:
        form = self.model("spec")
        spec = self.states[form]["state"]["spec"]
        answers = {section["id"]: {item["id"]: (own if section["id"] == "self" else others) for item in section["items"]}
                   for section in spec["sections"]}
        await self.update(form, {"setting": "group", "answers": answers, "submit_count": 1})
        await self.receive(self._state_change(form, "done_count"))

    async def send_to_group(self, share_id: int, group: str = "") -> dict:
        panel = self.model("shared_names")
        await self.custom(panel, {"kind": "send", "share_id": share_id, "group": group})
        reply = await self.receive(self._state_change(panel, "sent"))
        return reply["content"]["data"]["state"]["sent"]

    async def close(self, shut_down: bool = True) -> None:
        """Leave the page. A browser that closes a tab sends the shutdown request (phones often do not)."""
        if self.ws is not None:
            self.ws.close()
            self.ws = None
        if shut_down and self.kernel_id:
            xsrf = uuid.uuid4().hex
            self.cookies["_xsrf"] = xsrf
            await self.http.fetch(f"{self.base}/voila/api/shutdown/{self.kernel_id}", method="POST",
                                  body=f"_xsrf={xsrf}", headers=self._cookie_header(), raise_error=False)

    def shut(self) -> None:
        self.http.close()
