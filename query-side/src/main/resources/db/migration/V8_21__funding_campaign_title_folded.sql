-- The campaign list's search key is now folded as TextMatch.folded does (composed, final sigma as sigma): the rows
-- projected before are folded the same way, so a verified replay finds them equal and a title stored decomposed
-- is found by the same title typed composed.
UPDATE funding_campaign_view
SET title_lower = translate(normalize(title_lower, NFC), 'ς', 'σ')
WHERE title_lower <> translate(normalize(title_lower, NFC), 'ς', 'σ');
