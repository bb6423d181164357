//! Recording a scenario in the full app (issue 18): *Record a scenario* starts from the
//! simulation as it is (the demo, a section, a scenario, a file or the user's own situation), or
//! from the demo or a section's start; every action the engine accepts
//! from then on is a beat (the run's log past where recording began). The user writes each
//! caption, the title and the summary in up to three languages, and *Add a check here* turns
//! the current balance, an invoice's status or an account's status into an expectation. The
//! domain's recorder (`scenario_file::record`) names every action as the format does and
//! parses what it wrote back; the result is downloaded as a file, or copied as a `#f=` link or
//! an embed snippet. Part of the control panel's split module (`ui::routes::panel`).
use crate::domain::scenario::Start;
use crate::domain::scenario_file::{self as file, Expectation, Language, RecordedBeat, Recording, ScenarioStart, Texts};
use crate::domain::{Action, GuideSection};
use crate::i18n::{self, fill, scenario_file as words};
use crate::storage::scenario_file as files;
use crate::ui::ctx::{use_ctx, Ctx};
use leptos::prelude::*;

/// Three texts, in [`Language::ALL`]'s order (fr, it, en), as the user typed them.
type Typed = [String; 3];

/// A recording in progress.
#[derive(Clone, Debug, PartialEq)]
pub struct Recorder {
    /// The file's start and set-up: where the first beat is played.
    start: ScenarioStart,
    setup: Vec<Action>,
    /// The run recorded, and its log when recording began: the beats are what follows.
    run: Start,
    base: Vec<Action>,
    title: Typed,
    summary: Typed,
    captions: Vec<Typed>,
    checks: Vec<Expectation>,
}

/// The recording, for the whole app's life (a language switch draws the panel again), kept in
/// storage until it is stopped: a reload brings it back ([`Kept`]).
fn recorder() -> ArcRwSignal<Option<Recorder>> {
    thread_local! {
        static RECORDER: ArcRwSignal<Option<Recorder>> = ArcRwSignal::new(Kept::read().and_then(Kept::recorder));
    }
    RECORDER.with(Clone::clone)
}

/// A recording as storage keeps it (`prefs::RECORDER_KEY`): the run recorded and its log when
/// recording began, the texts typed, and the checks in the file's words. Read back, the file's
/// start and set-up are made again from the run (`recording_start`), and each check parsed
/// again: a kept recording that no longer reads is dropped, never half-restored.
#[derive(serde::Serialize, serde::Deserialize)]
struct Kept {
    run: Start,
    base: Vec<Action>,
    title: Typed,
    summary: Typed,
    captions: Vec<Typed>,
    checks: Vec<file::raw::RawExpectation>,
}

impl Kept {
    fn of(r: &Recorder) -> Kept {
        Kept {
            run: r.run.clone(),
            base: r.base.clone(),
            title: r.title.clone(),
            summary: r.summary.clone(),
            captions: r.captions.clone(),
            checks: r.checks.iter().map(Expectation::to_raw).collect(),
        }
    }

    fn store() -> Option<crate::storage::LocalStore> {
        crate::storage::LocalStore::new().ok()
    }

    fn read() -> Option<Kept> {
        use crate::storage::KeyValue;
        serde_json::from_str(&Self::store()?.get(crate::ui::prefs::RECORDER_KEY)?).ok()
    }

    /// Keeps `r`, or forgets the recording.
    fn write(r: Option<&Recorder>) {
        use crate::storage::KeyValue;
        let Some(kv) = Self::store() else { return };
        match r.and_then(|r| serde_json::to_string(&Kept::of(r)).ok()) {
            Some(text) => {
                let _ = kv.set(crate::ui::prefs::RECORDER_KEY, &text);
            }
            None => kv.remove(crate::ui::prefs::RECORDER_KEY),
        }
    }

    fn recorder(self) -> Option<Recorder> {
        let (start, mut setup) = files::recording_start(&self.run).ok()?;
        setup.extend(self.base.iter().cloned());
        let checks = self.checks.iter().map(|c| Expectation::from_raw(c, file::MAX_BEATS).ok()).collect::<Option<_>>()?;
        Some(Recorder {
            start,
            setup,
            run: self.run,
            base: self.base,
            title: self.title,
            summary: self.summary,
            captions: self.captions,
            checks,
        })
    }
}

/// Where a recording may start (the select's values).
#[derive(Clone, Copy, PartialEq)]
enum Origin {
    Current,
    Demo,
    Section(GuideSection),
}

impl Origin {
    fn all() -> Vec<Origin> {
        let mut all = vec![Origin::Current, Origin::Demo];
        all.extend(GuideSection::WALKTHROUGH.iter().map(|&s| Origin::Section(s)));
        all
    }

    fn value(self) -> String {
        match self {
            Origin::Current => "current".into(),
            Origin::Demo => "demo".into(),
            Origin::Section(s) => s.slug().into(),
        }
    }
}

/// A text as the file holds it: English is required, so a blank English takes French, then
/// Italian, then `default`. `None` only if a text is one the format refuses (too long).
fn texts(typed: &Typed, default: &str) -> Option<Texts> {
    let own = |i: usize| Some(typed[i].trim()).filter(|s| !s.is_empty());
    let en = own(2).or(own(0)).or(own(1)).unwrap_or(default);
    Texts::new(en, own(0), own(1)).ok()
}

impl Recorder {
    /// The beats recorded so far: the run's log past where recording began, or `None` when the
    /// run is no longer the one recorded (another run opened, a reset, a snapshot restored).
    fn beats(&self, ctx: Ctx) -> Option<Vec<Action>> {
        ctx.sim.with(|sim| {
            (sim.start == self.run && sim.log.len() >= self.base.len() && sim.log[..self.base.len()] == self.base[..])
                .then(|| sim.log[self.base.len()..].to_vec())
        })
    }

    /// The recording as the domain's recorder takes it.
    fn recording(&self, beats: Vec<Action>, lang: i18n::Lang) -> Option<Recording> {
        let t = lang.t();
        Some(Recording {
            title: texts(&self.title, t.rec_default_title)?,
            summary: texts(&self.summary, t.rec_default_summary)?,
            start: self.start.clone(),
            setup: self.setup.clone(),
            beats: beats
                .into_iter()
                .enumerate()
                .map(|(i, action)| {
                    let caption = texts(self.captions.get(i).unwrap_or(&Typed::default()), &fill(t.rec_beat, &[&(i + 1).to_string()]))?;
                    Some(RecordedBeat { action, caption, pause: false })
                })
                .collect::<Option<_>>()?,
            expect: self.checks.clone(),
        })
    }
}

/// Settings: *Record a scenario*, from the simulation as it is or from a chosen start.
#[component]
pub fn RecordCard() -> impl IntoView {
    let ctx = use_ctx();
    let (t, lang) = ctx.texts();
    let navigate = leptos_router::hooks::use_navigate();
    let chosen = ctx.draft("record-from", || "current".to_string());
    let error = RwSignal::new(None::<String>);
    let begin = move |_| {
        let from = Origin::all().into_iter().find(|f| f.value() == chosen.get_untracked()).unwrap_or(Origin::Current);
        let run = match from {
            Origin::Current => None,
            Origin::Demo => Some(Start::Demo),
            Origin::Section(s) => Some(Start::Section(s, ctx.guide_subsidiary())),
        };
        if let Some(start) = &run {
            ctx.open_guided(start.clone(), true);
        }
        let (start, log) = ctx.sim.with_untracked(|sim| (sim.start.clone(), sim.log.clone()));
        match files::recording_start(&start) {
            Ok((file_start, mut setup)) => {
                setup.extend(log.iter().cloned());
                recorder().set(Some(Recorder {
                    start: file_start,
                    setup,
                    run: start,
                    base: log,
                    title: Typed::default(),
                    summary: Typed::default(),
                    captions: Vec::new(),
                    checks: Vec::new(),
                }));
                error.set(None);
                ctx.recording.set(true);
                if run.is_some() {
                    navigate(crate::ui::guide::scenario::START_ROUTE, Default::default());
                }
            }
            Err(e) => error.set(Some(fill(t.rec_cannot, &[&words::file_error(lang, &e)]))),
        }
    };
    view! {
        <section class="card" aria-labelledby="record-title">
            <h2 id="record-title">{t.rec_title}</h2>
            <p class="hint">{t.rec_intro}</p>
            <div class="field">
                <label for="record-from">{t.rec_from_label}</label>
                <select id="record-from" on:change=move |ev| chosen.set(event_target_value(&ev))>
                    {Origin::all().into_iter().map(|f| {
                        let name = match f {
                            Origin::Current => t.rec_from_current.to_string(),
                            Origin::Demo => t.rec_from_demo.to_string(),
                            Origin::Section(s) => format!("{} · {}", s.slug().to_uppercase(), i18n::section_name(lang, s)),
                        };
                        let value = f.value();
                        let selected = chosen.get_untracked() == value;
                        view! { <option value=value selected=selected>{name}</option> }
                    }).collect_view()}
                </select>
            </div>
            <button type="button" class="primary" disabled=move || ctx.recording.get() on:click=begin>{t.rec_start}</button>
            {move || error.get().map(|e| view! { <p class="alert" role="alert">{e}</p> })}
        </section>
    }
}

/// One of the subjects "Add a check here" offers, in the current state.
#[derive(Clone, PartialEq)]
enum Subject {
    Balance,
    Invoice(crate::domain::InvoiceId),
    Account(crate::domain::AccountId),
}

/// The panel beside the page while recording: the title and summary, each beat with its
/// captions, the checks, and what to do with the result.
#[component]
pub fn RecorderPanel() -> impl IntoView {
    let ctx = use_ctx();
    let (t, lang) = ctx.texts();
    let rec = recorder();
    // Kept in storage on every change: a reload brings the recording back.
    {
        let rec = rec.clone();
        Effect::new(move |_| rec.with(|r| Kept::write(r.as_ref())));
    }
    let field = |id: String, label: String, value: String, set: Box<dyn Fn(String) + Send + Sync>| {
        view! {
            <div class="field">
                <label for=id.clone()>{label}</label>
                <input id=id type="text" maxlength="2000" prop:value=value on:input=move |ev| set(event_target_value(&ev))/>
            </div>
        }
    };
    // The beats (None: the run is no longer the one recorded).
    let beats = {
        let rec = rec.clone();
        Memo::new(move |_| rec.with(|r| r.as_ref().and_then(|r| r.beats(ctx))))
    };
    // The scenario as the recorder writes it, or why it cannot.
    let written = {
        let rec = rec.clone();
        Memo::new(move |_| {
            let beats = beats.get()?;
            let recording = rec.with(|r| r.as_ref().map(|r| r.recording(beats, lang)))?;
            Some(match recording {
                Some(recording) => file::record(&recording).map_err(|e| words::problem(lang, &e.problem)),
                None => Err(fill(lang.t().sf_p_too_long, &[&file::MAX_TEXT.to_string()])),
            })
        })
    };
    let texts_of = |which: fn(&mut Recorder) -> &mut Typed, label: &'static str, id: &'static str| {
        let rec = rec.clone();
        Language::ALL
            .into_iter()
            .enumerate()
            .map(|(i, language)| {
                let value = rec.with_untracked(|r| r.as_ref().map(|r| {
                    let mut r = r.clone();
                    which(&mut r)[i].clone()
                })).unwrap_or_default();
                let rec = rec.clone();
                field(
                    format!("{id}-{}", language.code()),
                    fill(label, &[words::language_name(lang, language)]),
                    value,
                    Box::new(move |v| rec.update(|r| if let Some(r) = r { which(r)[i] = v })),
                )
            })
            .collect_view()
    };
    let title_fields = texts_of(|r| &mut r.title, t.rec_title_in, "rec-title");
    let summary_fields = texts_of(|r| &mut r.summary, t.rec_summary_in, "rec-summary");

    // "Add a check here": what the current state offers.
    let subjects = ctx.memo(move |s| {
        let mut list = vec![(Subject::Balance, fill(lang.t().rec_check_balance, &[&i18n::money(lang, s.account.balance)]))];
        list.extend(s.invoices.iter().filter(|i| !i.is_seeded()).map(|i| {
            let status = if i.is_unpaid() { lang.t().sf_unpaid } else { lang.t().sf_paid };
            (Subject::Invoice(i.id), fill(lang.t().rec_check_invoice, &[&i.reference, status]))
        }));
        list.extend(s.platforms.iter().flat_map(|p| &p.accounts).map(|a| {
            (Subject::Account(a.id), fill(lang.t().rec_check_account, &[&a.email, i18n::account_status(lang, a.status)]))
        }));
        list
    });
    let picked = RwSignal::new(0usize);
    let add_check = {
        let rec = rec.clone();
        move |_| {
            let Some(after) = beats.get_untracked().map(|b| b.len()) else { return };
            let list = subjects.get_untracked();
            let Some((subject, _)) = list.get(picked.get_untracked()).or(list.first()) else { return };
            let check = ctx.with_untracked(|s| match subject {
                Subject::Balance => Some(Expectation::of_balance(after, s)),
                Subject::Invoice(id) => Expectation::of_invoice(after, s, *id),
                Subject::Account(id) => Expectation::of_account(after, s, *id),
            });
            if let Some(check) = check {
                rec.update(|r| if let Some(r) = r { r.checks.push(check) });
            }
        }
    };

    let shared = RwSignal::new(None::<(&'static str, String)>);
    let base = || {
        web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.base_uri().ok().flatten())
            .unwrap_or_default()
    };
    let link = move || written.get_untracked().and_then(Result::ok).map(|s| format!("{}scenario#{}", base(), files::encode_scenario_link(&s)));
    let download = move |_| {
        if let Some(Ok(scenario)) = written.get_untracked() {
            crate::ui::browser::download("hosted-exchange-scenario.json", &files::scenario_text(&scenario), "application/json");
        }
    };
    let copy_link = move |_| {
        if let Some(url) = link() {
            copy(&url);
            shared.set(Some((t.rec_link_label, url)));
        }
    };
    let copy_embed = move |_| {
        if let (Some(url), Some(Ok(scenario))) = (link(), written.get_untracked()) {
            let title = scenario.title.get(words::language(lang)).text.replace('"', "&quot;").replace('<', "&lt;");
            let snippet = format!(r#"<iframe src="{}" title="{title}" width="100%" height="720" loading="lazy" style="border:0"></iframe>"#, url.replace('"', "%22"));
            copy(&snippet);
            shared.set(Some((t.rec_embed_label, snippet)));
        }
    };
    let stop = {
        let rec = rec.clone();
        move |_| {
            rec.set(None);
            Kept::write(None);
            ctx.recording.set(false);
        }
    };

    let rec_beats = rec.clone();
    let rec_checks = rec.clone();
    view! {
        <aside class="guide-panel recorder" tabindex="-1" aria-labelledby="recorder-title">
            <div class="guide-head">
                <h2 id="recorder-title">{t.rec_panel}</h2>
            </div>
            <p class="hint">{t.rec_en_note}</p>
            {title_fields}
            {summary_fields}
            {move || match beats.get() {
                None => view! { <p class="alert" role="alert">{t.rec_diverged}</p> }.into_any(),
                Some(list) if list.is_empty() => view! { <p>{t.rec_empty}</p> }.into_any(),
                Some(list) => {
                    // What each beat does, as the file writes it.
                    let named: Vec<String> = match written.get_untracked() {
                        Some(Ok(s)) => s.beats.iter().map(|b| serde_json::to_string(&b.action.to_raw()).unwrap_or_default()).collect(),
                        _ => Vec::new(),
                    };
                    view! {
                        <ol class="beats recorded">
                            {(0..list.len()).map(|i| {
                                let captions = Language::ALL.into_iter().enumerate().map(|(k, language)| {
                                    let value = rec_beats.with_untracked(|r| r.as_ref().and_then(|r| r.captions.get(i)).map(|c| c[k].clone())).unwrap_or_default();
                                    let rec = rec_beats.clone();
                                    field(
                                        format!("rec-beat-{i}-{}", language.code()),
                                        fill(t.rec_caption, &[&(i + 1).to_string(), words::language_name(lang, language)]),
                                        value,
                                        Box::new(move |v| rec.update(|r| if let Some(r) = r {
                                            if r.captions.len() <= i {
                                                r.captions.resize(i + 1, Typed::default());
                                            }
                                            r.captions[i][k] = v;
                                        })),
                                    )
                                }).collect_view();
                                view! {
                                    <li>
                                        <strong>{fill(t.rec_beat, &[&(i + 1).to_string()])}</strong>
                                        " " <code>{named.get(i).cloned().unwrap_or_default()}</code>
                                        {captions}
                                    </li>
                                }
                            }).collect_view()}
                        </ol>
                    }.into_any()
                }
            }}
            <section aria-labelledby="rec-checks-title">
                <h3 id="rec-checks-title">{t.rec_checks}</h3>
                {move || {
                    let checks = rec_checks.with(|r| r.as_ref().map(|r| r.checks.clone()).unwrap_or_default());
                    let rec = rec_checks.clone();
                    (!checks.is_empty()).then(|| view! {
                        <ul class="plain">
                            {checks.into_iter().enumerate().map(|(n, e)| {
                                let value = check_value(lang, &e);
                                let line = fill(t.rec_check_after, &[&e.after.to_string(), &words::subject(lang, &e), &value]);
                                let rec = rec.clone();
                                view! {
                                    <li class="actions">
                                        <span>{line}</span>
                                        <button type="button" class="link" aria-label=fill(t.rec_remove_check, &[&(n + 1).to_string()])
                                            on:click=move |_| rec.update(|r| if let Some(r) = r { r.checks.remove(n); })>
                                            "✕"
                                        </button>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    })
                }}
                <div class="field">
                    <label for="rec-check-what">{t.rec_check_what}</label>
                    <select id="rec-check-what" on:change=move |ev| picked.set(event_target_value(&ev).parse().unwrap_or(0))>
                        {move || subjects.get().into_iter().enumerate().map(|(i, (_, name))| view! {
                            <option value=i.to_string() selected=picked.get_untracked() == i>{name}</option>
                        }).collect_view()}
                    </select>
                </div>
                <button type="button" disabled=move || beats.get().is_none() on:click=add_check>{t.rec_check_add}</button>
            </section>
            {move || match written.get() {
                // (No beat yet is not an error: the panel says so above.)
                Some(Err(why)) if beats.get().is_some_and(|b| !b.is_empty()) => Some(view! { <p class="alert" role="alert">{fill(t.rec_cannot, &[&why])}</p> }),
                _ => None,
            }}
            <div class="actions">
                <button type="button" class="primary" disabled=move || !matches!(written.get(), Some(Ok(_))) on:click=download>{t.rec_download}</button>
                <button type="button" disabled=move || !matches!(written.get(), Some(Ok(_))) on:click=copy_link>{t.rec_copy_link}</button>
                <button type="button" disabled=move || !matches!(written.get(), Some(Ok(_))) on:click=copy_embed>{t.rec_copy_embed}</button>
            </div>
            {move || shared.get().map(|(label, text)| view! {
                <div class="field">
                    <label for="rec-shared">{label}</label>
                    <input id="rec-shared" type="text" readonly prop:value=text/>
                    <span class="hint" role="status">{t.rec_copied}</span>
                </div>
            })}
            <button type="button" on:click=stop>{t.rec_stop}</button>
        </aside>
    }
}

/// The value an expectation names, in words.
fn check_value(lang: i18n::Lang, e: &Expectation) -> String {
    let probe = Expectation { after: e.after, expected: e.expected.clone() };
    // The expected value is what the check compares with: as the player shows it.
    let expected = match &probe.expected {
        file::Expected::Balance(b) => file::Observed::Money(*b),
        file::Expected::Today(d) => file::Observed::Date(*d),
        file::Expected::Invoice { status, .. } => file::Observed::Invoice(*status),
        file::Expected::AccountStatus { status, .. } => file::Observed::Account(*status),
        file::Expected::AccountMode { mode, .. } => file::Observed::Mode(*mode),
        file::Expected::AccountExpiry { on, .. } => file::Observed::Date(*on),
        file::Expected::Platform { status, .. } => file::Observed::Platform(*status),
        file::Expected::Emails { count, .. } => count.map_or(file::Observed::AtLeastOne, file::Observed::Count),
    };
    words::observed(lang, &expected)
}

fn copy(text: &str) {
    if let Some(window) = web_sys::window() {
        let _ = window.navigator().clipboard().write_text(text);
    }
}
