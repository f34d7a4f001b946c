-- Who starts a case of an item (approval:startedBy, engine/definitions/item-model.ts): versions
-- deployed before the attribute existed get it in their stored item model. The two internal
-- items bundled then are started by the 12345 hotline and by the platform (差评核查); every
-- other item by an applicant, as the attribute's default says.
UPDATE definitions
   SET item = item || jsonb_build_object('startedBy', CASE item_code WHEN '200150001000' THEN 'hotline'
                                                               WHEN '200140001000' THEN 'system'
                                                               ELSE 'applicant' END)
 WHERE NOT item ? 'startedBy';
