# notalone : textes de l'interface, en français.
# Traduit depuis locales/en/notalone.ftl (la source). On garde les ids et les
# { $variables } tels quels ; on tutoie, comme dans les leçons.
# Pluriels : en français, [one] couvre 0 et 1 ; [0] passe avant s'il existe.

## Profil

profile-title = Qui suit le cours ?
profile-intro = Choisis ton pseudo, ou crée-en un nouveau. Prends un pseudo, pas ton vrai nom.
profile-new = Créer un nouveau pseudo
profile-ask = Tape un pseudo (pas ton vrai nom), puis appuie sur Entrée.
profile-error-empty = Un pseudo doit contenir au moins une lettre ou un chiffre.
profile-error-too-long = Un pseudo fait 32 caractères au maximum.
profile-error-bad-char = Un pseudo ne peut contenir que des lettres, des chiffres, des espaces, - et _.
profile-welcome = Salut, { $name } !

## Accueil

home-progress = { $done ->
    [one] { $done } module terminé sur { $total }
   *[other] { $done } modules terminés sur { $total }
}
home-left = { $left ->
    [0] Tous les modules sont terminés. Bravo !
    [one] Plus qu'un module
   *[other] Encore { $left } modules
}
home-resume = Appuie sur Entrée pour reprendre : { $module }
home-review = Appuie sur Entrée pour revoir { $module }.
home-choose = Choisis un module pour commencer.
home-minutes = { $minutes ->
    [one] environ { $minutes } minute
   *[other] environ { $minutes } minutes
}
status-not-started = Pas commencé
status-in-progress = En cours
status-complete = Terminé
score = Score : { $percent } %
module-not-translated = (pas encore traduit)

## Avertissement sur le contenu

note-title = Avant de commencer
note-continue = Continuer
note-skip = Passer ce module
note-help = Trouver de l'aide

## Étapes

step-of = Étape { $n } sur { $total }
chat-with = Conversation avec { $contact }
chat-you = Toi
chat-note = Note
chat-more = Appuie sur Entrée pour voir le message suivant.
chat-flag-prompt = Quels messages t'inquiètent ? Choisis tous ceux qui ressemblent à un signal d'alerte.
chat-flag-none = Tu peux aussi n'en choisir aucun.
chat-signs-title = Les signaux d'alerte de cette conversation
chat-sign-found = Signal d'alerte, et tu l'as repéré.
chat-sign-missed = Signal d'alerte. Celui-là passe facilement inaperçu.
chat-not-sign = Tu l'as choisi, mais à lui seul, ce n'est pas un signal d'alerte.
chat-choose = Tu fais quoi ?
chat-try-again = Prends le temps d'y réfléchir, puis choisis à nouveau.
spot-prompt = Choisis tous ceux qui correspondent.
spot-is-sign = C'en est un
spot-not-sign = Ce n'en est pas un
spot-you-right = Bien vu pour celui-là.
spot-you-wrong = Regarde celui-là de plus près.
spot-all-right = Tu as repéré tous les signaux d'alerte.
spot-some-wrong = Pas tout à fait. Voici pourquoi.
question-pick-one = Choisis une réponse.
question-pick-many = Choisis toutes les bonnes réponses.
question-order = Remets-les dans l'ordre, du premier au dernier.
question-right = Bonne réponse.
question-not-quite = Pas tout à fait.
question-correct-was = La bonne réponse :
question-correct-were = Les bonnes réponses :
question-correct-order = Le bon ordre :
you-chose = Tu as choisi

## Fin de module

summary-title = Module terminé : { $module }
summary-score = Ton score : { $percent } %
summary-no-score = Ce module n'a pas de questions.
summary-objectives = Ce que tu as vu dans ce module :
summary-help = Si ça t'arrive, à toi ou à un ami, tu peux trouver de l'aide :
course-finished = Tu as terminé tout le cours.

## Aide

help-title = Trouver de l'aide
help-none = Parles-en à un adulte de confiance.
help-phone = Téléphone : { $phone }
help-sms = SMS : { $sms }
help-web = Site : { $web }
help-hours = Horaires : { $hours }
help-privacy = Ce que ce programme enregistre : ton pseudo, les réponses que tu as choisies, tes scores et les dates, uniquement sur cet ordinateur. Rien n'est envoyé nulle part.

## Indices (une réponse qui ne convient pas)

hint-out-of-range = Tape un nombre de 1 à { $max }.
hint-one-number = Tape un seul nombre.
hint-select-something = Choisis d'abord au moins une réponse.
hint-whole-order = Tape les { $count } nombres, chacun une seule fois, dans l'ordre que tu choisis.
hint-nothing = Appuie sur Entrée pour continuer.
hint-not-a-number = Tape un nombre, ou appuie sur Entrée.

## Progression

progress-recovered = Ta progression enregistrée n'a pas pu être lue. Elle a été mise de côté et tu repars de zéro.
progress-cannot-save = Ta progression ne peut pas être enregistrée sur cet ordinateur pour l'instant. Tu peux quand même suivre le cours.
progress-saved-where = La progression est enregistrée dans { $dir }

## Erreurs

error-course = Le cours n'a pas pu être chargé. Demande à ton prof de lancer : notalone lint { $dir }
error-lessons-dir = { $error }. Vérifie le chemin donné à --lessons (ou NOTALONE_LESSONS).
error-course-invalid = { $count ->
    [one] Le cours dans { $dir } a 1 erreur et ne peut pas démarrer. Corrige-la, puis réessaie ; `notalone lint { $dir }` te la montre :
   *[other] Le cours dans { $dir } a { $count } erreurs et ne peut pas démarrer. Corrige-les, puis réessaie ; `notalone lint { $dir }` te les montre :
}
error-needs-terminal = Le cours en plein écran a besoin d'un terminal. Lance `notalone --plain` pour la version ligne par ligne (elle marche avec les lecteurs d'écran et les scripts).
error-watch = { $error }. Essaie NOTALONE_WATCH_POLL=1, ou lance sans --watch.
error-full-screen = { $error }. Ta progression est enregistrée ; `notalone --plain` marche aussi ici.

## Mode texte (--plain)

plain-keys = Tape le numéro de ta réponse et appuie sur Entrée. Tu peux séparer plusieurs numéros par des espaces ou des virgules. Entrée seule pour continuer. h affiche l'aide, q enregistre et quitte.
plain-bye = Ta progression est enregistrée. À la prochaine !
plain-pick-profile = Tape le numéro de ton pseudo, ou tape un nouveau pseudo, puis appuie sur Entrée.
plain-home-prompt = Appuie sur Entrée pour continuer, ou tape le numéro d'un module. (s réglages, h aide, q quitter)
plain-note-prompt = Tape 1, 2 ou 3, ou appuie sur Entrée pour continuer. (h aide, q quitter)
plain-enter-prompt = Appuie sur Entrée pour continuer. (h aide, q quitter)
plain-flag-prompt = Tape les numéros des messages qui t'inquiètent, ou le numéro de « Aucun de ces messages ». (h aide, q quitter)
plain-pick-one-prompt = Tape le numéro d'une réponse. (h aide, q quitter)
plain-many-prompt = Tape les numéros de toutes les réponses que tu choisis, séparés par des espaces. (h aide, q quitter)
plain-order-prompt = Tape tous les numéros dans le bon ordre, du premier au dernier, séparés par des espaces. (h aide, q quitter)

## Langues (chaque langue se nomme elle-même)

language-name = Français

## Interface plein écran

tui-too-small = Agrandis cette fenêtre : il faut au moins { $width } colonnes de large et { $height } lignes de haut.
tui-keys-move = ↑↓ se déplacer
tui-keys-open = Entrée ouvrir
tui-keys-continue = Entrée continuer
tui-keys-choose = Entrée choisir
tui-keys-confirm = Entrée confirmer
tui-keys-check = Entrée vérifier
tui-keys-reveal = Entrée message suivant
tui-keys-select = Espace sélectionner
tui-keys-mark = Espace marquer
tui-keys-digits = 1-{ $max } choisir
tui-keys-scroll = ↑↓ faire défiler
tui-keys-page = PgUp PgDn faire défiler
tui-keys-move-item = Maj+↑↓ ou u d déplacer
tui-keys-back = Échap modules
tui-keys-close = Échap q fermer
tui-keys-cancel = Échap annuler
tui-keys-help = h aide
tui-keys-help-f1 = F1 ou ? aide
tui-keys-interrupt = Ctrl+C quitter
tui-keys-quit = q quitter
tui-keys-settings = s réglages
tui-keys-apply = Entrée appliquer
tui-keys-save-name = Entrée valider
tui-profile-field = Pseudo :
tui-chat-header = Conversation avec { $contact }
tui-chat-flag-done = Quand tu es prêt ou prête, appuie sur Entrée.
tui-chat-marked = marqué
tui-chat-press-enter = Appuie sur Entrée pour continuer.
tui-chat-feedback-safe = Un choix sûr.
tui-chat-feedback-unsafe = Pas le choix le plus sûr.
tui-chat-signs-intro = Voici les vrais signaux d'alerte, et pourquoi ils comptent.
tui-question-your-order = Ton ordre :
tui-question-move-hint = Sélectionne un élément, puis déplace-le avec Maj+↑↓ ou u et d. Appuie sur Entrée quand l'ordre est bon.
tui-question-many-hint = Appuie sur Espace pour sélectionner, puis sur Entrée pour vérifier.
tui-press-enter = Appuie sur Entrée pour continuer.
tui-summary-continue = Appuie sur Entrée pour revenir à la liste des modules.
tui-help-title = Trouver de l'aide
tui-help-keys = Touches
tui-help-key-move = ↑ ↓ ou j k : déplacer la sélection
tui-help-key-enter = Entrée : choisir, vérifier ou continuer
tui-help-key-space = Espace : sélectionner ou désélectionner
tui-help-key-digits = 1 à 9 : choisir une option par son numéro
tui-help-key-move-item = Maj+↑ ↓ ou u d : déplacer un élément, pour remettre dans l'ordre
tui-help-key-scroll = PgUp PgDn : faire défiler une longue page
tui-help-key-esc = Échap : revenir à la liste des modules
tui-help-key-help = h ou F1 : cette aide. Échap la ferme.
tui-help-key-settings = s : réglages (langue et couleurs), depuis la liste des modules
tui-help-key-quit = q : quitter. Ta progression est déjà enregistrée.
tui-help-key-mouse = Tu peux aussi cliquer sur une option avec la souris.
tui-settings-title = Réglages
tui-settings-language = Langue
tui-settings-theme = Couleurs
tui-settings-no-color-env = Les couleurs sont désactivées parce que NO_COLOR est défini sur cet ordinateur.
tui-theme-default = Par défaut
tui-theme-high-contrast = Contraste élevé
tui-theme-no-colour = Sans couleur

## Live preview (notalone --lessons DIR --watch)
tui-watch-broken-title = Le cours contient des erreurs
tui-watch-broken-intro = Corrige les erreurs ci-dessous et enregistre le fichier : cet écran se met à jour tout seul.
tui-watch-reloaded = Cours rechargé : tes modifications sont affichées.

## ---- New messages of this round: each group adds below its own line. ----
## Walk, keys, preview (issue 12)
hint-none-goes-alone = « Aucun de ces messages » va tout seul : tape les numéros des messages qui t'inquiètent, ou seulement { $none }.
tui-preview-nothing-saved = Aperçu, rien n'est enregistré
plain-settings-prompt = Tape le numéro d'une langue, ou appuie sur Entrée pour garder celle utilisée. (h aide, q quitter)
plain-settings-in-use = { $language } (utilisée)
tui-keys-back-step = b étape précédente
tui-help-key-back-step = b : revenir d'une étape (aperçu seulement : essaie chaque choix)
tui-preview-status = Aperçu, rien n'est enregistré · { $status }
tui-keys-first-last = Début Fin premier, dernier
tui-keys-top-bottom = Début Fin haut, bas
tui-keys-page-move = PgUp PgDn par page
tui-keys-erase = ⌫ effacer
tui-keys-clear = Échap vider
tui-help-key-move-arrows = ↑ ↓ : déplacer la sélection
tui-help-key-first-last = Début, Fin : le premier ou le dernier élément
tui-help-key-scroll-lines = ↑ ↓ ou j k : faire défiler d'une ligne
tui-help-key-top-bottom = Début, Fin : le haut ou le bas de la page
tui-help-key-page-move = PgUp PgDn : déplacer la sélection d'une page
tui-help-key-enter-profile = Entrée : ouvrir le pseudo sélectionné, ou créer celui que tu as tapé
tui-help-key-erase = Retour arrière : effacer la dernière lettre
tui-help-key-clear = Échap : effacer ce que tu as tapé
tui-help-key-help-f1 = F1 ou ? : cette aide
tui-help-key-interrupt = Ctrl+C : quitter. Ta progression est déjà enregistrée.
tui-help-key-enter-open = Entrée : ouvrir le module sélectionné
tui-help-key-enter-choose = Entrée : choisir la réponse sélectionnée
tui-help-key-enter-continue = Entrée : continuer
tui-help-key-reveal = Entrée ou Espace : afficher le message suivant
tui-help-key-mark = Espace : marquer ou démarquer le message sélectionné
tui-help-key-enter-flags = Entrée : fini de marquer (choisis « Aucun de ceux-là » si rien ne t'inquiète)
tui-help-key-enter-check = Entrée : vérifier ta réponse
tui-help-key-enter-summary = Entrée ou Échap : revenir à la liste des modules
tui-help-key-close = Échap ou q : fermer cet écran
tui-help-key-enter-apply = Entrée : appliquer le réglage sélectionné
tui-help-key-close-help = Échap, q ou h : fermer cette aide
tui-more-below = ▼ La suite plus bas : PgDn
tui-more-above = ▲ Le début plus haut : PgUp
tui-quit-saved = Ta progression est enregistrée. À bientôt !
tui-quit-not-saved = Ta progression n'a pas pu être enregistrée sur cet ordinateur.
tui-home-profile = Pseudo : { $name }
tui-profile-find = Tape ton pseudo pour le trouver dans la liste, ou tapes-en un nouveau. Puis appuie sur Entrée.
tui-profile-make = Créer le nouveau pseudo « { $name } »
chat-flag-none-item = Aucun de ces messages
hint-flag-or-none = Choisis les messages qui t'inquiètent, ou choisis « Aucun de ces messages ».
summary-right-first-time = { $right } sur { $total } justes du premier coup
quit-not-saved = Ta progression n'a pas pu être enregistrée cette fois. Parles-en à ton enseignant ou à ton enseignante.
quit-preview = Aperçu terminé. Rien n'a été enregistré.
plain-input-endless = L'entrée ne finit jamais de ligne, alors le mode texte s'arrête. Tape une réponse par ligne.
plain-preview-intro = Aperçu : rien n'est enregistré. Tous les modules s'ouvrent ; tape b pour revenir d'une étape et essayer un autre choix.
progress-locked-elsewhere = Ce pseudo est aussi ouvert ailleurs. Tes réponses sont quand même enregistrées ; ferme l'autre fenêtre par précaution.
hint-pick-one = Choisis d'abord une réponse : tape son numéro, puis appuie sur Entrée.
#
## Item checks, pre- and post-check (issues 13 and 14, in the player)
check-thanks = Merci, on y reviendra.
check-pre-done = Merci. À la fin du cours, tu verras ce que tu as appris.
check-before-after = Avant : { $before } sur { $before_total }. Maintenant : { $now } sur { $now_total }.
#
## Class report (issue 14)
report-no-home = il n'y a pas de dossier personnel où chercher la progression ; indiquez-en un avec --data-dir DOSSIER.
report-no-folder = le dossier { $dir } n'existe pas, il n'y a donc aucune progression à montrer. Vérifiez le chemin donné avec --data-dir (ou NOTALONE_DATA_DIR).
report-nothing = Aucune progression enregistrée pour l'instant dans { $dir }.
report-nothing-for = Aucune progression enregistrée pour l'instant pour { $name } dans { $dir }.
report-file-skipped = { $file } ignoré : ce n'est pas un fichier de progression que cette version sait lire.
report-course-not-loaded = le cours de { $dir } n'a pas pu être chargé ({ $error }) ; ses enregistrements sont donc montrés par identifiant de module et d'étape. `notalone lint` dit pourquoi.
report-bad-homepage = { $url } n'est pas une adresse web ; donnez --xapi-homepage sous forme d'URL, par exemple https://ecole.example
report-xapi-by = les déclarations xAPI n'ont pas de vues ; retirez --by, ou utilisez --format json ou csv avec --by.
report-written = Rapport écrit dans { $file }.
report-cannot-write = impossible d'écrire le rapport dans { $file } : { $error }.
report-forget-confirm = Supprimer toute la progression enregistrée de { $name } dans { $dir } ? C'est définitif.
report-forget-yes-no = [o/N]
report-forget-yes-words = o oui y yes
report-forget-kept = Rien n'a été supprimé.
report-forget-done = La progression de { $name } a été supprimée de { $dir }.
report-forget-none = il n'y a pas de profil nommé { $name } dans { $dir } ; `notalone progress` les liste.
report-status-not-started = pas commencé
report-status-in-progress = en cours
report-status-complete = terminé
report-col-learner = Élève
report-col-course = Cours
report-col-module = Module
report-col-status = État
report-col-score = Score
report-col-started = Commencé
report-col-completed = Terminé
report-col-complete = Terminés
report-col-skipped = Passés
report-col-right-first = Juste du 1er coup
report-col-before = Avant
report-col-after = Après
report-col-last-active = Dernière activité
report-col-question = Question
report-col-answered = Réponses
report-col-wrong = Mauvaise réponse la plus choisie
report-table-wrong = Mauvaise réponse la plus choisie : { $text } ({ $count })
report-col-objective = Objectif
report-col-learners = Élèves
report-col-options = Choisies en premier
report-flag-text = { $chat } : quels messages sont des signaux d'alerte ?
report-choice-text = { $chat } : que fais-tu ?
report-html-title = Rapport de la classe
report-html-made = Établi le { $date } à partir de la progression { $learners ->
    [one] d'un élève
   *[other] de { $learners } élèves
    }.
report-html-contents = Sommaire
report-html-learners = Élèves
report-html-learners-chart = Modules terminés par élève
report-html-learners-desc = Une barre par élève : la part des modules du cours qu'il a terminés. Les chiffres sont dans le tableau ci-dessous.
report-html-learners-caption = Chaque élève : modules terminés, passés, réponses justes du premier coup, avant et après
report-html-objectives = Avant et après, par objectif
report-html-before-after-chart = Réponses justes du premier coup par objectif, avant et après
report-html-before-after-desc = Deux barres par objectif : la part de réponses justes du premier coup au test d'entrée (avant) et au test final (après). Les chiffres sont dans le tableau ci-dessous.
report-html-objectives-caption = Chaque objectif : réponses, justes du premier coup, avant et après
report-html-no-checks = Ce cours n'a pas de test d'entrée ni de test final à comparer.
report-html-questions = Questions
report-html-questions-chart = Réponses justes du premier coup par question
report-html-questions-desc = Une barre par question : la part des élèves qui ont répondu juste du premier coup. Les chiffres et les mauvaises réponses les plus fréquentes sont dans le tableau ci-dessous.
report-html-questions-caption = Chaque question : réponses, justes du premier coup, la mauvaise réponse la plus choisie et combien de fois chaque réponse a été choisie en premier
report-html-records = Chaque élève et chaque module
report-html-records-caption = État, score et horaires par élève et par module
report-html-right = juste
report-html-footer = Établi par notalone sur cet ordinateur. Rien n'a été envoyé nulle part. Les scores montrent ce qu'il faut revoir avec la classe ; ce ne sont pas des notes.
#
## Translators (issue 15)
lang-not-a-tag = « { $lang } » n'est pas un code de langue : le cours s'affiche en { $using }. Donne un code comme de, fr ou pt-BR.
lang-not-a-tag-hint = « { $lang } » n'est pas un code de langue : le cours s'affiche en { $using }. Voulais-tu dire --lang { $hint } ?
lang-not-available = Ce cours n'a encore rien en { $lang } : il s'affiche en { $using }.
#
## Shared class folder and saving (issue 16)
profile-taken = Ce pseudo est déjà utilisé par un autre compte sur cet ordinateur. Choisis-en un autre, s'il te plaît.
profile-list-skipped = { $count ->
    [one] Un dossier de profil n'a pas pu être lu, il n'est donc pas affiché.
   *[other] { $count } dossiers de profil n'ont pas pu être lus, ils ne sont donc pas affichés.
}
progress-unsafe-folder = Ton dossier de progression peut être modifié par d'autres comptes, donc rien n'y est enregistré. Demande à ton enseignant de le vérifier.
progress-no-data-folder = Le dossier prévu pour enregistrer ta progression n'existe pas, donc elle ne peut pas être enregistrée. Tu peux quand même suivre le cours.
profile-error-mixed-scripts = Un pseudo n'utilise les lettres que d'un seul alphabet : ne mélange pas, par exemple, des lettres latines et cyrilliques.
progress-recovered-newer = Ta progression a été enregistrée par une version plus récente de notalone : elle a été mise de côté (pas effacée) et tu recommences ici. Demande à ton enseignant ou à ton enseignante de mettre notalone à jour sur cet ordinateur.
#
## Release and platforms (issue 17)
#
