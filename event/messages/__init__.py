"""Messages to people: an outbox written in the transaction of each change, sent apart from the
request by e-mail (SMTP) and SMS (Aliyun), with a local mailbox when neither is configured."""


def subscribe() -> None:
    """Subscribes the messages wing to the domain events (importing its handlers does it): the
    web routes and every `qcconf` command that may change data call this first."""
    from event.messages import events, notices  # noqa: F401
