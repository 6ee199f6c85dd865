//! ffmpeg's error output made readable: its lines name files by path and inputs by number
//! (`Error while decoding stream #2:0`), and prefix them with internal addresses
//! (`[mjpeg @ 0x55d…]`). The reason a person sees names the media instead, once per line.

/// How long a reason may get.
const MAX_REASON: usize = 400;

/// The gist of ffmpeg's error output; `inputs` pairs each input's path (as given to ffmpeg)
/// with the media's name, in input order.
pub(crate) fn reason(stderr: &str, inputs: &[(String, String)]) -> String {
    let mut lines: Vec<String> = Vec::new();
    for raw in stderr.lines() {
        let line = name_inputs(strip_context(raw.trim()), inputs);
        let line = line.trim().trim_end_matches('.').to_string();
        if line.is_empty() || is_noise(&line) || lines.contains(&line) {
            continue;
        }
        lines.push(line);
    }
    // Lines naming a media file say most; then the first lines, where the failure began.
    lines.sort_by_key(|line| {
        !inputs
            .iter()
            .any(|(_, name)| line.contains(&format!("'{name}'")))
    });
    let mut reason = lines.into_iter().take(3).collect::<Vec<_>>().join("; ");
    if reason.is_empty() {
        reason = "it stopped without saying why".into();
    }
    if reason.len() > MAX_REASON {
        let mut cut = MAX_REASON;
        while !reason.is_char_boundary(cut) {
            cut -= 1;
        }
        reason.truncate(cut);
        reason.push('…');
    }
    reason
}

/// Drops a leading `[name @ 0xADDRESS] ` context.
fn strip_context(line: &str) -> &str {
    match line
        .strip_prefix('[')
        .and_then(|rest| rest.split_once("] "))
    {
        Some((context, rest)) if context.contains(" @ ") => rest,
        _ => line,
    }
}

/// Replaces input paths and `#N:M` stream numbers with the media's name.
fn name_inputs(line: &str, inputs: &[(String, String)]) -> String {
    let mut line = line.to_string();
    for (index, (path, name)) in inputs.iter().enumerate() {
        let quoted = format!("'{name}'");
        line = line.replace(path.as_str(), &quoted);
        if let Some(bare) = path.strip_prefix("file:") {
            line = line.replace(bare, &quoted);
        }
        for stream in 0..4 {
            line = line.replace(&format!("stream #{index}:{stream}"), &quoted);
            line = line.replace(&format!("stream {index}:{stream}"), &quoted);
        }
        line = line.replace(&format!("Input #{index}"), &quoted);
    }
    line
}

/// Lines that follow an error without adding to it.
fn is_noise(line: &str) -> bool {
    const NOISE: [&str; 8] = [
        "Conversion failed",
        "Error initializing complex filters",
        "Error reinitializing filters",
        "Error while processing the decoded data",
        "Exiting normally",
        "Failed to inject frame into filter network",
        "Terminating thread with return code",
        "Error marking filters as finished",
    ];
    NOISE.iter().any(|noise| line.starts_with(noise))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inputs() -> Vec<(String, String)> {
        vec![
            ("file:/data/media/med_1.jpg".into(), "beach.jpg".into()),
            ("file:/data/media/med_2.jpg".into(), "broken.jpg".into()),
        ]
    }

    #[test]
    fn a_bad_input_is_named() {
        let stderr = "[image2 @ 0x55d5c8b0] Could not find codec parameters for stream 0\n\
                      file:/data/media/med_2.jpg: Invalid data found when processing input\n";
        assert_eq!(
            reason(stderr, &inputs()),
            "'broken.jpg': Invalid data found when processing input; \
             Could not find codec parameters for stream 0"
        );
    }

    #[test]
    fn stream_numbers_become_names_and_repeats_go() {
        let stderr = "[mjpeg @ 0x1] error count: 64\n\
                      Error while decoding stream #1:0: Invalid data found when processing input\n\
                      Error while decoding stream #1:0: Invalid data found when processing input\n\
                      Conversion failed!\n";
        assert_eq!(
            reason(stderr, &inputs()),
            "Error while decoding 'broken.jpg': Invalid data found when processing input; \
             error count: 64"
        );
    }

    #[test]
    fn silence_and_floods_are_handled() {
        assert_eq!(reason("", &[]), "it stopped without saying why");
        let flood = "é".repeat(1000);
        let long = reason(&flood, &[]);
        assert!(long.len() <= MAX_REASON + '…'.len_utf8());
        assert!(long.ends_with('…'));
    }
}
