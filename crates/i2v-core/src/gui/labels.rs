//! Names of the editor's buttons and panels, and what each stands for through the API.
//!
//! The backend names controls of an editor the person does not have. Each known name maps to
//! the API operation that does the same job: Export/导出 renders, Generate/生成 and Apply/确定 go
//! through the chat (a confirmation only when nothing else in its sentence already acts), Upload/上传
//! asks for files, Account/Billing/积分 shows credits, Timeline/Preview/预览
//! shows the track summary, Tracks/Layers/Project shows the state. A name the table does not
//! know stands for [`Target::Unknown`], which the translator turns into showing the state: it is
//! free, it cannot change anything, and it shows the person what the control would have shown.

use std::sync::OnceLock;

use crate::intent::pattern::{Index, Table, match_at};
use crate::intent::tokens::Tokens;

/// What an editor control stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    /// Rendering and downloading the video.
    Export,
    /// Something the chat does on request (generate, create).
    Generate,
    /// A confirmation of a step the backend proposed (apply, OK, 确定).
    Confirm,
    /// Adding files.
    Upload,
    /// The account and its credits.
    Credits,
    /// The timeline and its preview.
    Timeline,
    /// The project: tracks, layers, media.
    State,
    /// A control the table does not know.
    Unknown,
}

/// Control names, as patterns over tokens.
const LABELS: &[(&str, Target)] = &[
    (
        "export|download|render|exports|导出|下载|渲染|汇出|输出",
        Target::Export,
    ),
    (
        "generate|create|make|start|regenerate|生成|开始|重新生成|制作",
        Target::Generate,
    ),
    (
        "apply|confirm|ok|okay|submit|send|continue|done|应用|确定|确认|提交|发送|继续|完成",
        Target::Confirm,
    ),
    (
        "upload|import|browse|上传|导入|添加素材|添加文件",
        Target::Upload,
    ),
    ("add media|files|photos|images|videos", Target::Upload),
    (
        "credits|account|billing|balance|subscription|upgrade|wallet|plan|pricing|profile",
        Target::Credits,
    ),
    ("top up", Target::Credits),
    (
        "积分|账户|账号|余额|充值|升级|订阅|钱包|个人中心",
        Target::Credits,
    ),
    (
        "timeline|preview|play|player|时间线|时间轴|预览|播放",
        Target::Timeline,
    ),
    (
        "tracks|track|layers|layer|project|library|assets|media|editor|轨道|图层|项目|素材库|媒体库|素材|编辑器",
        Target::State,
    ),
];

/// The known control named at token `i`, with the index after its name.
pub(crate) fn label_at(tokens: &Tokens, i: usize) -> Option<(Target, usize)> {
    static INDEX: OnceLock<Index> = OnceLock::new();
    let index = INDEX.get_or_init(|| Index::new(LABELS.iter().map(|(pattern, _)| pattern)));
    index
        .candidates(tokens.text(i))
        .filter_map(|n| {
            let (pattern, target) = LABELS.get(n)?;
            match_at(pattern, tokens, i).map(|end| (*target, end))
        })
        .max_by_key(|&(_, end)| end)
}

/// What a quoted control name stands for ("Click \"Export Video\"" → export).
pub(crate) fn quoted_label(tokens: &Tokens, i: usize) -> Target {
    let name = Tokens::new(tokens.text(i));
    (0..name.len())
        .find_map(|j| label_at(&name, j))
        .map_or(Target::Unknown, |(target, _)| target)
}

/// Words that make the word before them the name of a control.
pub(crate) static CONTROL_NOUNS: Table = Table::new(&[
    "button|buttons|icon|tab|option|menu|panel|pane|sidebar|toolbar|page|window|dialog|section|link",
    "dropdown|slider|toggle|checkbox|switch|textbox|picker|settings",
    "按钮|图标|选项|菜单|面板|侧边栏|工具栏|页面|窗口|对话框|标签|链接|区域|栏|下拉框|下拉菜单|滑块|开关|复选框|输入框|设置",
]);

/// Whether a control noun stands at token `i`.
pub(crate) fn control_noun_at(tokens: &Tokens, i: usize) -> Option<usize> {
    CONTROL_NOUNS.at(tokens, i)
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    fn target(text: &str) -> Option<Target> {
        label_at(&Tokens::new(text), 0).map(|(t, _)| t)
    }

    #[test]
    fn known_controls_map_to_api_operations() {
        assert_eq!(target("Export"), Some(Target::Export));
        assert_eq!(target("导出"), Some(Target::Export));
        assert_eq!(target("Generate"), Some(Target::Generate));
        assert_eq!(target("确定"), Some(Target::Confirm));
        assert_eq!(target("Upload"), Some(Target::Upload));
        assert_eq!(target("add media"), Some(Target::Upload));
        assert_eq!(target("Billing"), Some(Target::Credits));
        assert_eq!(target("充值"), Some(Target::Credits));
        assert_eq!(target("Timeline"), Some(Target::Timeline));
        assert_eq!(target("图层"), Some(Target::State));
        assert_eq!(target("Sparkle"), None);
    }

    #[test]
    fn quoted_names_are_read_inside_the_quotes() {
        let t = Tokens::new("\"Export Video\" \"Magic Wand\"");
        assert_eq!(quoted_label(&t, 0), Target::Export);
        assert_eq!(quoted_label(&t, 1), Target::Unknown);
    }

    #[test]
    fn every_pattern_is_well_formed() {
        for (pattern, _) in LABELS {
            assert!(crate::intent::pattern::well_formed(pattern), "{pattern}");
        }
        for pattern in CONTROL_NOUNS.patterns() {
            assert!(crate::intent::pattern::well_formed(pattern), "{pattern}");
        }
    }
}
