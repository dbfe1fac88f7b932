# German interface (test fixture: deliberately broken).

profile-title = Wer macht den Kurs?
profile-welcome = Hallo, { $nickname }!
home-resume = Drücke Enter, um weiterzumachen mit { $module
note-title = Bevor du anfängst
old-message = Diese Nachricht gibt es auf Englisch nicht.
