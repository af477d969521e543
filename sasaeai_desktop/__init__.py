"""SasaeAI Desktop: 生活支援体制整備事業を支援する都道府県職員のためのデスクトップアプリ."""

__version__ = "0.1.0"
APP_NAME = "SasaeAI"
APP_AUTHOR = "SasaeAI"
