"""The catalogue of local activities and resources (地域資源・活動事例): entries, their kinds and photos.

Not the visits and consultations (``services/activities``): an entry here is a 通いの場 or a 見守り
活動 the office learnt of and may publish (booklet, web site) when it is 掲載可.
"""
