"""Messages to people: an outbox written in the transaction of each change, sent apart from the
request by e-mail (SMTP) and SMS (Aliyun), with a local mailbox when neither is configured."""
