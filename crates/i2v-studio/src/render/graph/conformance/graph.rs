//! The planner's filter graph read back from its text: chains, their filters and options, and
//! what each part of it computes on a frame (a view, a blend, a fade, a text's opacity, a
//! piece of music's gain), with ffmpeg's own formulas.

use i2v_core::timeline::View;

use super::super::super::request::Canvas;
use super::super::FfmpegPlan;
use super::expr::eval;

/// A filter graph's chains.
pub(super) struct Graph {
    chains: Vec<Chain>,
}

/// `[in][in]filter,filter[out]`.
pub(super) struct Chain {
    inputs: Vec<String>,
    filters: Vec<Filter>,
    outputs: Vec<String>,
}

/// `name=option:key=value:…`, values unquoted and unescaped.
struct Filter {
    name: String,
    options: Vec<(Option<String>, String)>,
}

impl Filter {
    fn get(&self, key: &str) -> Option<&str> {
        let keyed = self.options.iter().find(|(k, _)| k.as_deref() == Some(key));
        keyed.map(|(_, value)| value.as_str())
    }

    fn positional(&self, index: usize) -> Option<&str> {
        let plain = self.options.iter().filter(|(key, _)| key.is_none());
        plain.map(|(_, value)| value.as_str()).nth(index)
    }

    fn number(&self, key: &str) -> f64 {
        let value = self
            .get(key)
            .unwrap_or_else(|| panic!("{} has no {key}", self.name));
        value
            .parse()
            .unwrap_or_else(|_| panic!("{}: {key}={value}", self.name))
    }
}

/// Splits `text` at `separator` where it is outside single quotes and not escaped.
fn split_outside_quotes(text: &str, separator: char) -> Vec<String> {
    let mut parts = vec![String::new()];
    let (mut quoted, mut escaped) = (false, false);
    for c in text.chars() {
        let last = parts.last_mut().expect("a part");
        if escaped {
            last.push(c);
            escaped = false;
        } else if c == '\\' {
            last.push(c);
            escaped = true;
        } else if c == '\'' {
            last.push(c);
            quoted = !quoted;
        } else if c == separator && !quoted {
            parts.push(String::new());
        } else {
            last.push(c);
        }
    }
    parts
}

/// A value as the filter sees it: quotes and escaping removed.
fn unquote(value: &str) -> String {
    let mut out = String::new();
    let mut escaped = false;
    for c in value.chars() {
        match c {
            _ if escaped => {
                out.push(c);
                escaped = false;
            }
            '\\' => escaped = true,
            '\'' => {}
            _ => out.push(c),
        }
    }
    out
}

fn filter(text: &str) -> Filter {
    let (name, options) = text.split_once('=').unwrap_or((text, ""));
    let options = split_outside_quotes(options, ':')
        .into_iter()
        .filter(|option| !option.is_empty())
        .map(
            |option| match split_outside_quotes(&option, '=').as_slice() {
                [key, value] if !key.contains('\'') => (Some(key.clone()), unquote(value)),
                _ => (None, unquote(&option)),
            },
        )
        .collect();
    Filter {
        name: name.to_string(),
        options,
    }
}

/// Takes the `[label]`s at the front of `text`.
fn labels(text: &mut &str) -> Vec<String> {
    let mut found = Vec::new();
    while let Some(rest) = text.strip_prefix('[') {
        let (label, after) = rest.split_once(']').expect("a closed label");
        found.push(label.to_string());
        *text = after;
    }
    found
}

fn chain(text: &str) -> Chain {
    let mut rest = text.trim();
    let inputs = labels(&mut rest);
    // The outputs are the labels at the end: find where they start.
    let mut cut = rest.len();
    while rest[..cut].ends_with(']') {
        cut = rest[..cut].rfind('[').expect("an opened label");
    }
    let mut tail = &rest[cut..];
    let outputs = labels(&mut tail);
    let filters = split_outside_quotes(&rest[..cut], ',')
        .iter()
        .map(|text| filter(text))
        .collect();
    Chain {
        inputs,
        filters,
        outputs,
    }
}

impl Chain {
    fn filter(&self, name: &str) -> Option<&Filter> {
        self.filters.iter().find(|filter| filter.name == name)
    }

    /// How many frames a looped still part has (`loop=loop=K` repeats its one frame K times).
    fn looped_frames(&self) -> u64 {
        let looped = self.filter("loop").expect("a looped part");
        looped.number("loop") as u64 + 1
    }
}

/// `1 - (k - start) / length`-style ramps of `fade`/`afade`, clamped to 0..1.
fn ramp(progress: f64) -> f64 {
    progress.clamp(0.0, 1.0)
}

impl Graph {
    /// The graph of a plan (its `graph.txt`).
    pub(super) fn read(plan: &FfmpegPlan) -> Graph {
        let (_, text) = plan
            .files
            .iter()
            .find(|(path, _)| path.ends_with("graph.txt"))
            .expect("the plan writes its graph");
        let chains = split_outside_quotes(text, ';')
            .iter()
            .filter(|text| !text.trim().is_empty())
            .map(|text| chain(text))
            .collect();
        Graph { chains }
    }

    /// The chain that makes `label`.
    pub(super) fn chain(&self, label: &str) -> &Chain {
        self.chains
            .iter()
            .find(|chain| chain.outputs.iter().any(|out| out == label))
            .unwrap_or_else(|| panic!("no chain makes [{label}]"))
    }

    /// Each output frame: the concatenated part it comes from and its place in that part.
    pub(super) fn concat_frames(&self) -> Vec<(String, u64)> {
        let joined = self.chain("vcat");
        let mut frames = Vec::new();
        for label in &joined.inputs {
            let length = match label.strip_prefix('x') {
                Some(blend) => self.chain(&format!("c{blend}t")).looped_frames(),
                None => self.chain(label).looped_frames(),
            };
            frames.extend((0..length).map(|j| (label.clone(), j)));
        }
        frames
    }

    /// The size clip `index`'s picture is composed at: the fit's `pad` or `crop`, or the
    /// blurred background's final `scale`.
    fn composed(&self, index: usize) -> (u32, u32) {
        let size = |filter: &Filter| -> Option<(u32, u32)> {
            Some((
                filter.positional(0)?.parse().ok()?,
                filter.positional(1)?.parse().ok()?,
            ))
        };
        let fitted = self.chain(&format!("c{index}fit"));
        let last_sized = |chain: &Chain, names: &[&str]| {
            let sized = chain.filters.iter().rev();
            sized
                .filter(|f| names.contains(&f.name.as_str()))
                .find_map(size)
        };
        last_sized(fitted, &["pad", "crop"])
            .or_else(|| last_sized(self.chain(&format!("c{index}bg")), &["scale"]))
            .expect("a composed size")
    }

    /// The view a part's filters compute on its frame `n`.
    pub(super) fn view(&self, part: &Chain, n: u64, canvas: Canvas) -> Option<View> {
        let label = part.outputs.first()?;
        let index: usize = label.get(1..label.len() - 1)?.parse().ok()?;
        let value = |name: &str| (name == "n").then_some(n as f64);
        let at = |text: &str| eval(text, &value).map(|v| v as u32);
        let (width, height) = self.composed(index);
        let crop = part
            .filters
            .iter()
            .find(|f| f.name == "crop" && f.get("x").is_some());
        let Some(crop) = crop else {
            return Some(View {
                width,
                height,
                x: (width - canvas.width) / 2,
                y: (height - canvas.height) / 2,
            });
        };
        let (x, y) = (at(crop.get("x")?)?, at(crop.get("y")?)?);
        Some(match part.filter("scale") {
            Some(scale) => View {
                width: at(scale.get("w")?)?,
                height: at(scale.get("h")?)?,
                x,
                y,
            },
            None => View {
                width,
                height,
                x,
                y,
            },
        })
    }

    /// Blend `index`: the xfade name and its length in seconds (`fade` for the crossfade drawn
    /// as an overlay with a rising alpha).
    pub(super) fn blend(&self, index: usize) -> (String, f64) {
        let blended = self.chain(&format!("x{index}"));
        if let Some(xfade) = blended.filter("xfade") {
            assert_eq!(xfade.get("offset"), Some("0"));
            return (
                xfade.get("transition").expect("a kind").to_string(),
                xfade.number("duration"),
            );
        }
        let rising = self.chain(&format!("x{index}a"));
        let fade = rising.filter("fade").expect("the incoming picture's fade");
        assert_eq!((fade.get("alpha"), fade.get("st")), (Some("1"), Some("0")));
        ("fade".to_string(), fade.number("d"))
    }

    /// How bright frame `k` is through the picture's `fade` filters (frame-counted, as ffmpeg's
    /// vf_fade counts them).
    pub(super) fn brightness(&self, k: u64) -> f64 {
        let fades = self.chains.iter().flat_map(|chain| &chain.filters);
        let fades = fades.filter(|f| f.name == "fade" && f.get("n").is_some());
        fades.fold(1.0, |bright, fade| {
            let (start, length) = (fade.number("s"), fade.number("n"));
            let done = (k as f64 - start) / length;
            match fade.get("t") {
                Some("in") => bright * ramp(done),
                _ => bright * (1.0 - ramp(done)),
            }
        })
    }

    /// Every `drawtext`.
    pub(super) fn texts(&self) -> Vec<Drawn<'_>> {
        let all = self.chains.iter().flat_map(|chain| &chain.filters);
        all.filter(|f| f.name == "drawtext")
            .map(|filter| Drawn { filter })
            .collect()
    }

    /// Every piece of music (the chains that make `m0`, `m1`, …).
    pub(super) fn music(&self) -> Vec<Piece<'_>> {
        let pieces = self.chains.iter().filter(|chain| {
            chain
                .outputs
                .iter()
                .any(|out| out.starts_with('m') && out[1..].parse::<u32>().is_ok())
        });
        pieces.map(|chain| Piece { chain }).collect()
    }

    /// The whole soundtrack's fade out at `t` (1 where it does not fade).
    pub(super) fn soundtrack_fade_at(&self, t: f64) -> f64 {
        let pieces: Vec<*const Chain> = self
            .music()
            .iter()
            .map(|p| p.chain as *const Chain)
            .collect();
        let others = self
            .chains
            .iter()
            .filter(|chain| !pieces.contains(&(*chain as *const Chain)));
        let fades = others
            .flat_map(|chain| &chain.filters)
            .filter(|f| f.name == "afade");
        fades.fold(1.0, |gain, fade| gain * afade(fade, t))
    }
}

/// `afade` at `t`: linear (its default curve) from `st` over `d`.
fn afade(fade: &Filter, t: f64) -> f64 {
    let (start, length) = (fade.number("st"), fade.number("d"));
    let done = ramp((t - start) / length);
    if fade.get("t") == Some("in") {
        done
    } else {
        1.0 - done
    }
}

/// One `drawtext`.
pub(super) struct Drawn<'a> {
    filter: &'a Filter,
}

impl Drawn<'_> {
    fn at(&self, key: &str, t: f64) -> f64 {
        let value = |name: &str| (name == "t").then_some(t);
        eval(self.filter.get(key).expect("an expression"), &value).expect("a readable expression")
    }

    /// Whether it is drawn at `t`.
    pub(super) fn enabled_at(&self, t: f64) -> bool {
        self.at("enable", t) != 0.0
    }

    /// Its opacity at `t`.
    pub(super) fn alpha_at(&self, t: f64) -> f64 {
        self.at("alpha", t)
    }

    /// The words of its text file.
    pub(super) fn words(&self, plan: &FfmpegPlan) -> String {
        let file = self.filter.get("textfile").expect("a text file");
        let (_, words) = plan
            .files
            .iter()
            .find(|(path, _)| path.to_str() == Some(file))
            .expect("the file is written");
        words.clone()
    }
}

/// One piece of music's chain.
pub(super) struct Piece<'a> {
    chain: &'a Chain,
}

impl Piece<'_> {
    /// Its gain at `t` (volume and fades), or `None` where it is silent.
    pub(super) fn gain_at(&self, t: f64) -> Option<f64> {
        let start = self.chain.filter("adelay").map_or(0.0, |delay| {
            let ms = delay.get("delays").expect("delays");
            ms.parse::<f64>().expect("ms") / 1000.0
        });
        let length = self.chain.filter("atrim").expect("a length").number("end");
        let local = t - start;
        if local < 0.0 || local >= length {
            return None;
        }
        let volume = self
            .chain
            .filter("volume")
            .expect("a volume")
            .positional(0)
            .expect("a level");
        let fades = self.chain.filters.iter().filter(|f| f.name == "afade");
        let faded = fades.fold(1.0, |gain, fade| gain * afade(fade, local));
        Some(volume.parse::<f64>().expect("a number") * faded)
    }
}
