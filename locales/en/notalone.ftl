# notalone: interface strings (English, the source and fallback).
# Translators: `notalone locales new TAG DIR` puts a copy in DIR/TAG/notalone.ftl
# (beside that language's lessons); translate the text after each "=". Keep
# the ids and { $variables } as they are. docs/translating.md explains it.

## Profile

profile-title = Who is taking the course?
profile-intro = Pick your nickname, or make a new one. Use a nickname, not your real name.
profile-new = Make a new nickname
profile-ask = Type a nickname (not your real name), then press Enter.
profile-error-empty = A nickname needs at least one letter or digit.
profile-error-too-long = A nickname can be at most 32 characters.
profile-error-bad-char = A nickname can use letters, digits, spaces, - and _ only.
profile-welcome = Hi, { $name }!

## Home

home-progress = { $total ->
    [one] { $done } of 1 module complete
   *[other] { $done } of { $total } modules complete
}
home-left = { $left ->
    [0] Every module is complete. Well done.
    [one] 1 module left
   *[other] { $left } modules left
}
home-resume = Press Enter to continue with: { $module }
home-choose = Pick a module to start.
home-review = Press Enter to look at { $module } again.
home-minutes = { $minutes ->
    [one] about 1 minute
   *[other] about { $minutes } minutes
}
status-not-started = Not started
status-in-progress = In progress
status-complete = Complete
score = Score { $percent }%
module-not-translated = (not translated yet)

## Content note

note-title = Before you start
note-continue = Continue
note-skip = Skip this module
note-help = Get help

## Steps

step-of = Step { $n } of { $total }
chat-with = Chat with { $contact }
chat-you = You
chat-note = Note
chat-more = Press Enter to see the next message.
chat-flag-prompt = Which messages worry you? Pick every one that looks like a warning sign.
chat-flag-none = You can also pick none.
chat-signs-title = The warning signs in this chat
chat-sign-found = Warning sign, and you spotted it.
chat-sign-missed = Warning sign. This one is easy to miss.
chat-not-sign = You picked this one, but it is not a warning sign by itself.
chat-choose = What do you do?
chat-try-again = Think about it, then choose again.
spot-prompt = Pick every one that fits.
spot-is-sign = This is one
spot-not-sign = This is not one
spot-you-right = You got this one right.
spot-you-wrong = Look again at this one.
spot-all-right = You spotted every warning sign.
spot-some-wrong = Not quite all of them. Here is why.
question-pick-one = Pick one answer.
question-pick-many = Pick every answer that is right.
question-order = Put these in order, first to last.
question-right = Right.
question-not-quite = Not quite.
question-correct-was = The right answer:
question-correct-were = The right answers:
question-correct-order = The right order:
you-chose = You chose

## Module summary

summary-title = Module complete: { $module }
summary-score = Your score: { $percent }%
summary-no-score = This module has no questions.
summary-objectives = What this module covered:
summary-help = If any of this is happening to you or a friend, you can get help:
course-finished = You finished the whole course.

## Help

help-title = Get help
help-none = Talk to an adult you trust.
help-phone = Phone: { $phone }
help-sms = Text: { $sms }
help-web = Web: { $web }
help-hours = Hours: { $hours }
help-privacy = What this program stores: your nickname, which answers you picked, your scores and dates, only on this computer. Nothing is sent anywhere.

## Hints (an answer that did not fit)

hint-out-of-range = Type a number from 1 to { $max }.
hint-one-number = Type just one number.
hint-select-something = Pick at least one answer first.
hint-whole-order = Type all { $count } numbers, each once, in the order you choose.
hint-nothing = Press Enter to continue.
hint-not-a-number = Type a number, or press Enter.

## Progress

progress-recovered = Your saved progress could not be read, so it was put aside and you are starting fresh.
progress-cannot-save = Your progress cannot be saved on this computer right now. You can still take the course.
progress-saved-where = Progress is saved in { $dir }

## Errors

error-course = The course could not be loaded. Ask your teacher to run: notalone lint { $dir }
error-lessons-dir = { $error }. Check the --lessons path (or NOTALONE_LESSONS).
error-course-invalid = { $count ->
    [one] The course in { $dir } has 1 error and cannot start. Fix it, then try again; `notalone lint { $dir }` shows it:
   *[other] The course in { $dir } has { $count } errors and cannot start. Fix them, then try again; `notalone lint { $dir }` lists them:
}
error-needs-terminal = The full-screen course needs a terminal. Run `notalone --plain` for the line-by-line version (it works with screen readers and scripts).
error-watch = { $error }. Try NOTALONE_WATCH_POLL=1, or run without --watch.
error-full-screen = { $error }. Your progress is saved; `notalone --plain` also works here.

## Plain mode

plain-keys = Type the number of your answer and press Enter. Several numbers can be separated by spaces or commas. Enter alone continues. h shows help, q saves and quits.
plain-bye = Your progress is saved. See you next time.
plain-pick-profile = Type the number of your nickname, or type a new nickname, then press Enter.
plain-home-prompt = Press Enter to continue, or type a module number. (s settings, h help, q quit)
plain-note-prompt = Type 1, 2 or 3, or press Enter to continue. (h help, q quit)
plain-enter-prompt = Press Enter to continue. (h help, q quit)
plain-flag-prompt = Type the numbers of the messages that worry you, or the number of "None of these". (h help, q quit)
plain-pick-one-prompt = Type the number of one answer. (h help, q quit)
plain-many-prompt = Type the numbers of every answer you pick, separated by spaces. (h help, q quit)
plain-order-prompt = Type all the numbers in the right order, first to last, separated by spaces. (h help, q quit)

## Languages (each locale names itself)

language-name = English

## Full-screen UI

tui-too-small = Please make this window larger: at least { $width } columns wide and { $height } rows high.
tui-keys-move = ↑↓ move
tui-keys-open = Enter open
tui-keys-continue = Enter continue
tui-keys-choose = Enter choose
tui-keys-confirm = Enter confirm
tui-keys-check = Enter check
tui-keys-reveal = Enter next message
tui-keys-select = Space select
tui-keys-mark = Space mark
tui-keys-digits = 1-{ $max } pick
tui-keys-scroll = ↑↓ scroll
tui-keys-page = PgUp PgDn scroll
tui-keys-move-item = Shift+↑↓ or u d move item
tui-keys-back = Esc modules
tui-keys-close = Esc q close
tui-keys-cancel = Esc cancel
tui-keys-help = h help
tui-keys-help-f1 = F1 or ? help
tui-keys-interrupt = Ctrl+C quit
tui-keys-quit = q quit
tui-keys-settings = s settings
tui-keys-apply = Enter use
tui-keys-save-name = Enter done
tui-profile-field = Nickname:
tui-chat-header = Chat with { $contact }
tui-chat-flag-done = When you are ready, press Enter.
tui-chat-marked = marked
tui-chat-press-enter = Press Enter to continue.
tui-chat-feedback-safe = A safe choice.
tui-chat-feedback-unsafe = Not the safest choice.
tui-chat-signs-intro = Here are the real warning signs, and why they matter.
tui-question-your-order = Your order:
tui-question-move-hint = Highlight an item, then move it with Shift+↑↓ or u and d. Press Enter when the order is right.
tui-question-many-hint = Press Space to select, then Enter to check.
tui-press-enter = Press Enter to continue.
tui-summary-continue = Press Enter to go back to the list of modules.
tui-help-title = Get help
tui-help-keys = Keys
tui-help-key-move = ↑ ↓ or j k: move the highlight
tui-help-key-enter = Enter: choose, check or continue
tui-help-key-space = Space: select or unselect
tui-help-key-digits = 1 to 9: select an item by its number (Enter confirms)
tui-help-key-move-item = Shift+↑ ↓ or u d: move an item, when putting things in order
tui-help-key-scroll = PgUp PgDn: scroll a long page
tui-help-key-esc = Esc: back to the list of modules
tui-help-key-help = h or F1: this help. Esc closes it.
tui-help-key-settings = s: settings (language and colours), from the list of modules
tui-help-key-quit = q: quit. Your progress is already saved.
tui-help-key-mouse = You can also click on an option with the mouse.
tui-settings-title = Settings
tui-settings-language = Language
tui-settings-theme = Colours
tui-settings-no-color-env = Colours are off because NO_COLOR is set on this computer.
tui-theme-default = Default
tui-theme-high-contrast = High contrast
tui-theme-no-colour = No colour

## Live preview (notalone --lessons DIR --watch)
tui-watch-broken-title = The course has errors
tui-watch-broken-intro = Fix the errors below and save the file: this screen updates by itself.
tui-watch-reloaded = Course reloaded: your changes are shown.

## ---- New messages of this round: each group adds below its own line. ----
## Walk, keys, preview (issue 12)
hint-none-goes-alone = "None of these" goes on its own: type the numbers of the messages that worry you, or only { $none }.
tui-preview-nothing-saved = Preview, nothing saved
plain-settings-prompt = Type the number of a language, or press Enter to keep the one in use. (h help, q quit)
plain-settings-in-use = { $language } (in use)
tui-keys-back-step = b step back
tui-help-key-back-step = b: back one step (preview only: try every choice)
tui-preview-status = Preview, nothing saved · { $status }
tui-keys-first-last = Home End first, last
tui-keys-top-bottom = Home End top, end
tui-keys-page-move = PgUp PgDn page
tui-keys-erase = ⌫ erase
tui-keys-clear = Esc clear
tui-help-key-move-arrows = ↑ ↓: move the highlight
tui-help-key-first-last = Home, End: the first or the last item
tui-help-key-scroll-lines = ↑ ↓ or j k: scroll a line
tui-help-key-top-bottom = Home, End: the top or the end of the page
tui-help-key-page-move = PgUp PgDn: move the highlight a page
tui-help-key-enter-profile = Enter: open the highlighted nickname, or make the one you typed
tui-help-key-erase = Backspace: erase the last letter
tui-help-key-clear = Esc: clear what you typed
tui-help-key-help-f1 = F1 or ?: this help
tui-help-key-interrupt = Ctrl+C: quit. Your progress is already saved.
tui-help-key-enter-open = Enter: open the highlighted module
tui-help-key-enter-choose = Enter: choose the highlighted answer
tui-help-key-enter-continue = Enter: go on
tui-help-key-reveal = Enter or Space: show the next message
tui-help-key-mark = Space: mark or unmark the highlighted message
tui-help-key-enter-flags = Enter: done marking (choose "None of these" if nothing worries you)
tui-help-key-enter-check = Enter: check your answer
tui-help-key-enter-summary = Enter or Esc: back to the list of modules
tui-help-key-close = Esc or q: close this screen
tui-help-key-enter-apply = Enter: use the highlighted setting
tui-help-key-close-help = Esc, q or h: close this help
tui-more-below = ▼ More below: PgDn
tui-more-above = ▲ More above: PgUp
tui-quit-saved = Your progress is saved. See you next time.
tui-quit-not-saved = Your progress could not be saved on this computer.
tui-home-profile = Nickname: { $name }
tui-profile-find = Type your nickname to find it in the list, or type a new one. Then press Enter.
tui-profile-make = Make the new nickname “{ $name }”
chat-flag-none-item = None of these
hint-flag-or-none = Pick the messages that worry you, or pick "None of these".
summary-right-first-time = { $right } of { $total } right first time
quit-not-saved = Your progress could not be saved this time. Ask your teacher about the progress folder.
quit-preview = Preview finished. Nothing was saved.
plain-input-endless = The input never ends a line, so plain mode stopped. Type one answer per line.
plain-preview-intro = Preview: nothing is saved. Any module can be opened; type b to go back one step and try another choice.
progress-locked-elsewhere = This nickname is also open somewhere else. Your answers are still saved; close the other window to be safe.
hint-pick-one = Pick an answer first: type its number, then press Enter.
#
## Item checks, pre- and post-check (issues 13 and 14, in the player)
check-thanks = Thanks, we'll come back to this.
check-pre-done = Thanks. At the end of the course you will see what you learned.
check-before-after = Before: { $before } of { $before_total }. Now: { $now } of { $now_total }.
#
## Class report (issue 14)
report-no-home = there is no home folder to find progress in; give one with --data-dir DIR.
report-no-folder = the folder { $dir } does not exist, so there is no progress to report. Check the path given with --data-dir (or NOTALONE_DATA_DIR).
report-nothing = No progress saved yet in { $dir }.
report-nothing-for = No progress saved yet for { $name } in { $dir }.
report-file-skipped = skipped { $file }: it is not a progress file this version can read.
report-course-not-loaded = the course in { $dir } could not be loaded ({ $error }), so its records are reported by module and step id; `notalone lint` says why.
report-bad-homepage = { $url } is not a web address; give --xapi-homepage as a URL such as https://school.example
report-xapi-by = xAPI statements have no views; leave out --by, or use --format json or csv with --by.
report-written = Wrote the report to { $file }.
report-cannot-write = could not write the report to { $file }: { $error }.
report-forget-confirm = Delete all saved progress of { $name } in { $dir }? This cannot be undone.
report-forget-yes-no = [y/N]
report-forget-yes-words = y yes
report-forget-kept = Nothing was deleted.
report-forget-done = The progress of { $name } was deleted from { $dir }.
report-forget-none = there is no profile called { $name } in { $dir }; `notalone progress` lists them.
report-status-not-started = not started
report-status-in-progress = in progress
report-status-complete = complete
report-col-learner = Learner
report-col-course = Course
report-col-module = Module
report-col-status = Status
report-col-score = Score
report-col-started = Started
report-col-completed = Completed
report-col-complete = Complete
report-col-skipped = Skipped
report-col-right-first = Right 1st try
report-col-before = Before
report-col-after = After
report-col-last-active = Last active
report-col-question = Question
report-col-answered = Answered
report-col-wrong = Most common wrong answer
report-table-wrong = Most common wrong answer: { $text } ({ $count })
report-col-objective = Objective
report-col-learners = Learners
report-col-options = Chosen first
report-flag-text = { $chat }: which messages are warning signs?
report-choice-text = { $chat }: what do you do?
report-html-title = Class report
report-html-made = Made on { $date } from the progress of { $learners ->
    [one] one learner
   *[other] { $learners } learners
    }.
report-html-contents = Contents
report-html-learners = Learners
report-html-learners-chart = Modules complete per learner
report-html-learners-desc = One bar per learner: the share of the course's modules they completed. The numbers are in the table below.
report-html-learners-caption = Each learner: modules complete, skipped, right at the first try, before and after
report-html-objectives = Before and after, by objective
report-html-before-after-chart = Right at the first try per objective, before and after
report-html-before-after-desc = Two bars per objective: the share right at the first try in the warm-up check (before) and in the final check (after). The numbers are in the table below.
report-html-objectives-caption = Each objective: answers, right at the first try, before and after
report-html-no-checks = This course has no warm-up or final check to compare.
report-html-questions = Questions
report-html-questions-chart = Right at the first try per question
report-html-questions-desc = One bar per question: the share of learners right at the first try. The numbers and the most common wrong answers are in the table below.
report-html-questions-caption = Each question: answers, right at the first try, the most common wrong answer and how often each answer was chosen first
report-html-records = Each learner and module
report-html-records-caption = Status, score and times per learner and module
report-html-right = right
report-html-footer = Made by notalone on this computer. Nothing was sent anywhere. Scores show what to go over again with the class; they are not grades.
#
## Translators (issue 15)
lang-not-a-tag = `{ $lang }` is not a language code, so the course is shown in { $using }. Give a code such as de, fr or pt-BR.
lang-not-a-tag-hint = `{ $lang }` is not a language code, so the course is shown in { $using }. Did you mean --lang { $hint }?
lang-not-available = This course has nothing in { $lang } yet, so it is shown in { $using }.
#
## Shared class folder and saving (issue 16)
profile-taken = That nickname is already used by another account on this computer. Please pick another one.
profile-list-skipped = { $count ->
    [one] One profile folder could not be read, so it is not listed.
   *[other] { $count } profile folders could not be read, so they are not listed.
}
progress-unsafe-folder = Your progress folder can be changed by other accounts, so nothing is saved there. Please ask your teacher to check it.
progress-no-data-folder = The folder for saving progress does not exist, so your progress cannot be saved. You can still take the course.
profile-error-mixed-scripts = A nickname uses the letters of one alphabet only: please don't mix, for example, Latin and Cyrillic letters.
progress-recovered-newer = Your progress was saved by a newer version of notalone, so it was put aside (not deleted) and you are starting fresh here. Ask your teacher to update notalone on this computer.
#
## Release and platforms (issue 17)
#
