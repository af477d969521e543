"""The static web site of local activities (情報発信): a folder of HTML pages that works from the
files alone — opened from a USB stick (file://) or put on any web server — with no request to
anywhere else (no CDN, no web font, no map tiles).

- ``search.py``: the text folding the search uses, in Python (for the index) and in JavaScript
  (for what is typed), so that both fold alike;
- ``assets.py``: the shared style sheet and the search script;
- ``pages.py``: the pages (index, one per activity, per municipality, per kind);
- ``folder.py``: the target check and the atomic write of the whole folder.

Like the booklet's PDF, the writer prints every field it is given: what may be published is
decided by the service (services/catalogue/site.py, on the booklet's selection).
"""
