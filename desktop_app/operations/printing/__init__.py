"""The 打印中心 documents: notices, the owner roll, the visit forms."""
