"""The loopback load balancer of the scale-out test and the deadline benchmark stamps each
request with the moment it arrived, as the production one does (README, "Production sketch"),
and a client cannot write that stamp for it."""

import socket
import threading
import time

from tests.support.cluster import RoundRobinProxy


def echo_server() -> tuple[socket.socket, list[bytes]]:
    """A backend that keeps the raw request it received and answers 200."""
    listener = socket.create_server(("127.0.0.1", 0))
    received: list[bytes] = []

    def serve():
        connection, _address = listener.accept()
        data = b""
        while b"\r\n\r\n" not in data:
            data += connection.recv(65536)
        received.append(data)
        connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok")
        connection.close()

    threading.Thread(target=serve, daemon=True).start()
    return listener, received


def test_each_request_carries_its_arrival_and_not_the_clients_stamp():
    backend, received = echo_server()
    proxy = RoundRobinProxy([backend.getsockname()[1]])
    try:
        before = time.time()
        with socket.create_connection(("127.0.0.1", proxy.port)) as client:
            client.sendall(
                b"GET /x HTTP/1.1\r\nHost: a\r\nX-Request-Start: t=1\r\nAccept: */*\r\n\r\n"
            )
            answer = client.recv(65536)
        after = time.time()
    finally:
        proxy.close()
        backend.close()
    assert answer.endswith(b"ok")
    request_line, *headers = received[0].split(b"\r\n\r\n")[0].split(b"\r\n")
    assert request_line == b"GET /x HTTP/1.1"
    stamps = [h for h in headers if h.lower().startswith(b"x-request-start:")]
    assert len(stamps) == 1
    arrived = float(stamps[0].split(b"t=")[1])
    assert before <= arrived <= after
    assert b"Host: a" in headers and b"Accept: */*" in headers
