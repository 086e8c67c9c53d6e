"""The notice's attachments 附件一 … 八 as field specs: one source for forms, API, Excel, checks."""
