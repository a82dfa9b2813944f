"""The room and owner roll workbook: import (read and preview, then apply), export, the blank template."""
