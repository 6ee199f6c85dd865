//! `send`: what a person types (and attaches) in, the right workflow out (`docs/PROTOCOL.md` §6–7).
//!
//! Attached files are uploaded first. The text is then routed: export, credits, state and
//! upload never reach the chat stream; everything else is a chat turn. A render only ever runs
//! because the person's own words asked for it ("export", "导出", "send me the video"), never
//! because a reply offered it.
//!
//! After a turn, what the reply asked a person to do in an editor (§7) is handled so:
//! - "open the panel", "preview in the timeline": the state is fetched and given
//!   ([`TurnEvent::State`]);
//! - "check your account": the credits are fetched and given ([`TurnEvent::Credits`]);
//! - "drag the clip to the start": the move is sent as one more chat turn, the edit the person
//!   asked for done the way the backend described;
//! - "click Export", "when you're ready, export": nothing runs; the [`TurnEvent::Action`] the turn
//!   gave is the caller's to offer (a button, a hint), and the person's "export" runs it;
//! - "drop your files here": nothing runs; the files are the person's to give.

use super::account::{Credits, State};
use super::chat::{TurnEvent, TurnOutcome};
use super::output::{ExportOptions, ExportResult};
use super::platform::{Callback, MaybeSend};
use super::upload::{UploadFile, UploadedMedia};
use super::{Client, Clock, Transport};
use crate::Error;
use crate::gui::GuiAction;
use crate::intent::{self, Action, Aspect};

/// What `send` ended with.
#[derive(Debug, Clone, PartialEq)]
pub enum SendOutcome {
    /// Files were uploaded and there was nothing else to do.
    Uploaded(Vec<UploadedMedia>),
    /// The credit balance.
    Credits(Credits),
    /// The project's state.
    State(State),
    /// The export finished.
    Exported(ExportResult),
    /// A chat turn ran.
    Chat(TurnOutcome),
}

impl<T: Transport, C: Clock> Client<T, C> {
    /// Uploads `files`, then runs the workflow `text` asks for, reporting events as they happen.
    pub async fn send<F>(
        &self,
        text: &str,
        files: Vec<UploadFile>,
        mut on_event: F,
    ) -> Result<SendOutcome, Error>
    where
        F: FnMut(TurnEvent) + MaybeSend,
    {
        self.run_send(text, files, &mut on_event).await
    }

    /// [`Client::send`] with the listener type-erased, compiled once for every caller.
    async fn run_send(
        &self,
        text: &str,
        files: Vec<UploadFile>,
        on_event: &mut Callback<'_, TurnEvent>,
    ) -> Result<SendOutcome, Error> {
        let mut uploaded = Vec::new();
        if !files.is_empty() {
            uploaded = self.upload(files, None).await?;
            on_event(TurnEvent::Uploaded(uploaded.clone()));
        }
        let routed = intent::route(text);
        let outcome = self.run_routed(text, routed, uploaded, on_event).await;
        self.report_notices(on_event);
        outcome
    }

    /// Runs the workflow the routed text asks for.
    async fn run_routed(
        &self,
        text: &str,
        routed: intent::Intent,
        uploaded: Vec<UploadedMedia>,
        on_event: &mut Callback<'_, TurnEvent>,
    ) -> Result<SendOutcome, Error> {
        match routed.action {
            _ if text.trim().is_empty() && !uploaded.is_empty() => {
                Ok(SendOutcome::Uploaded(uploaded))
            }
            Action::Upload if !uploaded.is_empty() => Ok(SendOutcome::Uploaded(uploaded)),
            Action::Upload => Err(Error::InvalidInput {
                message: "attach the files to upload".into(),
            }),
            Action::Credits => {
                let credits = self.credits().await?;
                on_event(TurnEvent::Credits(credits));
                Ok(SendOutcome::Credits(credits))
            }
            Action::State => {
                let state = self.state().await?;
                on_event(TurnEvent::State(state.clone()));
                Ok(SendOutcome::State(state))
            }
            Action::Export => {
                let wanted = routed.export.unwrap_or_default();
                // Checked before the reshape: "export in 8K" asks nothing of the agent.
                let options = export_options(&wanted)?;
                if let Some(aspect) = wanted.aspect {
                    self.reshape_before_export(aspect, on_event).await?;
                }
                let result = self.export_reporting(&options, on_event).await?;
                Ok(SendOutcome::Exported(result))
            }
            Action::Chat => {
                let mut actions = Vec::new();
                let outcome = self
                    .run_chat(text, &mut |event| {
                        if let TurnEvent::Action(action) = &event {
                            if !actions.contains(action) {
                                actions.push(action.clone());
                            }
                        }
                        on_event(event);
                    })
                    .await?;
                self.run_gui_actions(actions, on_event).await?;
                Ok(SendOutcome::Chat(outcome))
            }
        }
    }

    /// Does through the API what a reply asked a person to do in an editor.
    async fn run_gui_actions(
        &self,
        actions: Vec<GuiAction>,
        on_event: &mut Callback<'_, TurnEvent>,
    ) -> Result<(), Error> {
        for action in actions {
            match action {
                GuiAction::ShowState | GuiAction::ShowSummary => {
                    on_event(TurnEvent::State(self.state().await?));
                }
                GuiAction::ShowCredits => on_event(TurnEvent::Credits(self.credits().await?)),
                GuiAction::SendEdit(edit) => {
                    // One level only: actions of this follow-up turn are reported, not run.
                    self.run_chat(&edit, on_event).await?;
                }
                // An offer to render, or to take files: the event already told the caller, and
                // only the person can accept.
                GuiAction::Export | GuiAction::Upload => {}
            }
        }
        Ok(())
    }

    /// Exports with progress events, then the result as an event too.
    async fn export_reporting(
        &self,
        options: &ExportOptions,
        on_event: &mut Callback<'_, TurnEvent>,
    ) -> Result<ExportResult, Error> {
        let result = self
            .run_export(options, &mut |progress| {
                on_event(TurnEvent::ExportProgress(progress))
            })
            .await?;
        on_event(TurnEvent::Exported(result.clone()));
        Ok(result)
    }

    /// "Export vertical 9:16" on a landscape project: ask the agent to change the shape first.
    async fn reshape_before_export(
        &self,
        aspect: Aspect,
        on_event: &mut Callback<'_, TurnEvent>,
    ) -> Result<(), Error> {
        let canvas = self.state().await?.canvas;
        let (w, h) = aspect.ratio();
        // Same shape when the cross products agree (1920x1080 is 16:9).
        if u64::from(canvas.width) * u64::from(h) == u64::from(canvas.height) * u64::from(w) {
            return Ok(());
        }
        let instruction = format!("change the aspect ratio to {}", aspect.as_str());
        self.run_chat(&instruction, on_event).await?;
        Ok(())
    }
}

/// The export request from what the person said: each option said is asked for as it was
/// said ("720p" is a resolution, not a quality), the rest keep their defaults; what the output
/// contract does not have ("8K", "as an MKV") is refused, naming what it has.
fn export_options(wanted: &intent::ExportOptions) -> Result<ExportOptions, Error> {
    let defaults = ExportOptions::default();
    let options = ExportOptions {
        format: wanted.format.unwrap_or(defaults.format),
        resolution: wanted.resolution,
        fps: wanted.fps,
        quality: wanted.quality.unwrap_or(defaults.quality),
    };
    options.check()?;
    Ok(options)
}
