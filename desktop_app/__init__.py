"""老旧小区改造社区工作台 (desktop application for old residential community renovation)."""

__version__ = "0.1.0"
APP_NAME = "老旧小区改造工作台"
ORG_NAME = "CommunityRenovation"
