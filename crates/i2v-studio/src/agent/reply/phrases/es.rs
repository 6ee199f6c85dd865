//! The sentences telling a change made, or why nothing changed, in Spanish.

use super::{
    aspect_label, capitalized, motion_name, ordinal_text, percent, pictures, plural, same_length,
    segundos as secs, transition_name,
};
use crate::agent::outcome::{Outcome, Problem};
use crate::agent::reply::{history, honesty, shape, texts};
use crate::agent::types::Language;
use crate::agent::understand::MotionStyle;
use i2v_core::draft::Motion;

const ES: Language = Language::Spanish;

/// The sentence telling a change made.
pub(super) fn outcome(outcome: &Outcome) -> String {
    match outcome {
        Outcome::Generated {
            images,
            total_ms,
            transition,
            motion,
            skipped_videos,
        } => {
            let transition = transition
                .as_ref()
                .map_or("cortes directos", |kind| transition_name(ES, *kind));
            let mut text = format!(
                "Convertí tus {} en un vídeo de {} segundos con {transition} y {}.",
                plural(*images, "foto", "fotos"),
                secs(*total_ms),
                motion_name(ES, *motion)
            );
            if *skipped_videos > 0 {
                let videos = plural(*skipped_videos, "archivo de vídeo", "archivos de vídeo");
                text.push_str(&format!(
                    " (Dejé fuera {videos}: las presentaciones se hacen con fotos.)"
                ));
            }
            text
        }
        Outcome::Dressed { music, title } => match (music, title) {
            (Some((name, volume)), Some(title)) => format!(
                "Luego añadí música de fondo {name} al {}% y el título '{title}'.",
                percent(*volume)
            ),
            (Some((name, volume)), None) => {
                format!(
                    "Luego añadí música de fondo {name} al {}%.",
                    percent(*volume)
                )
            }
            (None, Some(title)) => format!("Luego añadí el título '{title}'."),
            (None, None) => "No puse música ni título.".to_owned(),
        },
        Outcome::Total { total_ms, clips } => format!(
            "El vídeo dura ahora {} segundos ({}, unos {} s cada una).",
            secs(*total_ms),
            plural(*clips, "foto", "fotos"),
            secs(total_ms / (*clips).max(1) as u64)
        ),
        Outcome::Each { each_ms, total_ms } => format!(
            "Cada foto se muestra ahora {} segundos ({} segundos en total).",
            secs(*each_ms),
            secs(*total_ms)
        ),
        Outcome::Clips { lengths, total_ms } => {
            let positions: Vec<usize> = lengths.iter().map(|(position, _)| *position).collect();
            let each = match same_length(lengths) {
                Some(ms) => format!(
                    "{} se {} ahora {} segundos",
                    pictures(ES, &positions),
                    if positions.len() == 1 {
                        "muestra"
                    } else {
                        "muestran"
                    },
                    secs(ms)
                ),
                None => lengths
                    .iter()
                    .map(|(position, ms)| format!("la foto {position} dura {} s", secs(*ms)))
                    .collect::<Vec<_>>()
                    .join(", "),
            };
            format!(
                "{}; el vídeo dura {} segundos.",
                capitalized(&each),
                secs(*total_ms)
            )
        }
        Outcome::Removed {
            positions,
            left,
            total_ms,
        } => format!(
            "Quité {}; {} {} ({} segundos).",
            pictures(ES, positions),
            if *left == 1 { "queda" } else { "quedan" },
            plural(*left, "foto", "fotos"),
            secs(*total_ms)
        ),
        Outcome::Moved { from, to } => format!("Moví la foto {from} a la posición {to}."),
        Outcome::Swapped(a, b) => format!("Intercambié las fotos {a} y {b}."),
        Outcome::Reversed => "Invertí el orden de las fotos.".to_owned(),
        Outcome::AddedImages { count, total_ms } => format!(
            "Añadí {} al final ({} segundos en total).",
            plural(*count, "foto nueva", "fotos nuevas"),
            secs(*total_ms)
        ),
        Outcome::Transitions(Some((kind, ms))) => format!(
            "Las transiciones ahora son {} ({} s cada una).",
            transition_name(ES, *kind),
            secs(*ms)
        ),
        Outcome::Transitions(None) => {
            "Quité las transiciones: las fotos pasan ahora de una a otra con un corte directo."
                .to_owned()
        }
        Outcome::Motion(MotionStyle::Still | MotionStyle::Fixed(Motion::None), None) => {
            "Las fotos ya no tienen movimiento.".to_owned()
        }
        Outcome::Motion(style, Some(position)) => {
            format!(
                "La foto {position} tiene ahora {}.",
                motion_name(ES, *style)
            )
        }
        Outcome::Motion(style, None) => {
            format!("Las fotos tienen ahora {}.", motion_name(ES, *style))
        }
        Outcome::Music(name, volume) => {
            format!(
                "La música de fondo es ahora {name} al {}%.",
                percent(*volume)
            )
        }
        Outcome::MusicRemoved => "Quité la música de fondo.".to_owned(),
        Outcome::Volume(volume) if *volume <= 0.0 => "Silencié la música.".to_owned(),
        Outcome::Volume(volume) => {
            format!("El volumen de la música es ahora {}%.", percent(*volume))
        }
        Outcome::Title(text) => format!("El título es ahora '{text}'."),
        Outcome::TitleShown(ms) => format!("El título se muestra ahora {} segundos.", secs(*ms)),
        Outcome::TitleSize(size) => format!("El tamaño de letra del título es ahora {size}."),
        Outcome::TitleRemoved => "Quité el título.".to_owned(),
        Outcome::Captions(count) => format!(
            "Añadí {} a partir de los nombres de archivo.",
            plural(*count, "subtítulo", "subtítulos")
        ),
        Outcome::Caption(text, Some(position)) => {
            format!("Añadí el subtítulo '{text}' en la foto {position}.")
        }
        Outcome::Caption(text, None) => {
            format!("Añadí el subtítulo '{text}' en todo el vídeo.")
        }
        Outcome::CaptionsRemoved(Some(position)) => {
            format!("Quité el subtítulo de la foto {position}.")
        }
        Outcome::CaptionsRemoved(None) => "Quité los subtítulos.".to_owned(),
        Outcome::Undone { .. } | Outcome::Redone { .. } => history::outcome(ES, outcome),
        Outcome::Aspect(aspect) => {
            let (width, height) = aspect.size();
            format!(
                "El formato es ahora {} {} ({width}x{height}).",
                aspect_label(ES, *aspect),
                aspect.as_str()
            )
        }
        Outcome::Pace { .. } | Outcome::Fade(..) | Outcome::Fit(..) => shape::outcome(ES, outcome),
        Outcome::TitleAdded { text, end_ms } => texts::title_added(ES, text, *end_ms),
        Outcome::TitleLook(look) => texts::title_look(ES, look),
        Outcome::TextPlaced(placed) => texts::placed(ES, placed, false),
        Outcome::TitleMoved(placed) => texts::placed(ES, placed, true),
        Outcome::TextsLook { look, span } => texts::texts_look(ES, look, *span),
        Outcome::TextsRemoved { texts, span } => texts::texts_removed(ES, texts, *span),
    }
}

/// The sentence telling why an instruction changed nothing.
pub(super) fn problem(problem: &Problem) -> String {
    match problem {
        Problem::NoImages => {
            "Primero necesito fotos: sube algunas imágenes y las convertiré en un vídeo.".to_owned()
        }
        Problem::NoVideo => "Todavía no hay ningún vídeo que editar.".to_owned(),
        Problem::NoSuchPicture { asked, count } => format!(
            "No hay {}: el vídeo tiene {}.",
            ordinal_text(ES, *asked),
            plural(*count, "foto", "fotos")
        ),
        Problem::WouldRemoveAll => {
            "No puedo quitar todas las fotos: un vídeo necesita al menos una.".to_owned()
        }
        Problem::TooShort { min_ms } => format!(
            "Es demasiado corto: hacen falta al menos {} segundos.",
            secs(*min_ms)
        ),
        Problem::TooLong { max_ms } => format!(
            "Es demasiado largo: lo máximo que puedo hacer son {} segundos.",
            secs(*max_ms)
        ),
        Problem::AlreadySet(setting) => honesty::already(ES, setting),
        Problem::Already | Problem::Unchanged => honesty::unchanged(ES),
        Problem::NoMusic => {
            "Todavía no hay música de fondo: di 'añade música' para ponerla.".to_owned()
        }
        Problem::NoUploadedMusic => "No encontré ninguna canción subida por ti: sube un archivo \
            de audio (mp3, wav, m4a, aac) o elige de la biblioteca: Lo-fi, Upbeat, Calm, Cinematic."
            .to_owned(),
        Problem::NoTitle => {
            "Todavía no hay título: di 'añade el título \"…\"' para ponerlo.".to_owned()
        }
        Problem::NoCaptions => "No hay subtítulos que quitar.".to_owned(),
        Problem::NoNewImages => "Todas las fotos que subiste ya están en el vídeo.".to_owned(),
        Problem::WhichPicture => {
            "¿Qué foto quieres decir? Por ejemplo: 'quita la segunda foto'.".to_owned()
        }
        Problem::WhatText => "¿Qué debe decir el subtítulo? Escríbelo entre comillas, por \
            ejemplo: añade el subtítulo 'Atardecer' a la última foto."
            .to_owned(),
        Problem::WhereTo => {
            "¿Adónde la muevo? Por ejemplo: 'mueve la última foto al principio'.".to_owned()
        }
        Problem::OtherAspect(_) | Problem::PaceLimit { .. } | Problem::NoFade(_) => {
            shape::problem(ES, problem)
        }
        Problem::TitleWanted => texts::title_wanted(ES),
        Problem::TextWanted => texts::text_wanted(ES),
        Problem::NoTextsThere(span) => texts::no_texts_there(ES, *span),
        Problem::NothingToUndo | Problem::NothingToRedo => history::problem(ES, problem),
    }
}
