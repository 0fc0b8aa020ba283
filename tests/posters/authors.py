"""The poster form's author rows as a browser posts them."""


def author_fields(*authors, initial=0, prefix="authors"):
    """`authors`: names, or (name, email) pairs, in order; `initial`: how many rows the page
    showed filled (an edit's existing authors)."""
    rows = [author if isinstance(author, tuple) else (author, "") for author in authors]
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, (name, email) in enumerate(rows):
        data[f"{prefix}-{index}-name"] = name
        data[f"{prefix}-{index}-email"] = email
    return data
