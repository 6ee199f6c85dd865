//! Undo and redo.

/// Taking back the last change, wherever it stands in the clause ("please undo the title
/// change", "撤销上一步").
pub(in crate::agent::understand) const UNDO: &[&str] = &[
    "undo", "un do", "撤销", "撤回", "撤消", "恢复上一步", "回到上一步", "返回上一步",
    "退回上一步", "回退", "退回", "后退一步",
    "deshacer", "deshaz", "deshazlo",
    "元に戻して", "元に戻す", "元に戻", "取り消し", "取り消して", "アンドゥ",
];

/// Bringing back what was undone ("redo", "重做").
pub(in crate::agent::understand) const REDO: &[&str] = &[
    "redo", "re do", "重做", "恢复撤销", "取消撤销", "撤销撤销", "反撤销",
    "rehacer", "rehaz", "rehazlo",
    "やり直し", "やり直して", "リドゥ",
];

/// Taking back the last change, but only as the whole clause give or take [`HISTORY_FILLERS`]:
/// the same words also move pictures ("put the first photo back") or name a shape ("revert to
/// landscape").
pub(in crate::agent::understand) const UNDO_WHOLE: &[&str] = &[
    "go back", "revert", "put it back", "put that back", "put back", "change it back",
    "change that back", "set it back", "take it back", "take that back", "roll back",
    "rollback", "restore", "回到之前", "回到原来", "回到刚才", "恢复原样", "恢复原状", "恢复之前",
    "恢复到之前", "恢复刚才", "改回来", "改回去", "变回来", "变回去", "还原", "上一步",
];

/// Words that may stand around an undo or a redo without being another instruction ("go back to
/// how it was before, please", "帮我回到之前的样子吧").
pub(in crate::agent::understand) const HISTORY_FILLERS: &[&str] = &[
    "please", "pls", "can you", "could you", "would you", "just", "now", "that", "this", "it",
    "them", "those", "the", "a", "my", "last", "latest", "previous", "recent", "most recent",
    "one", "change", "changes", "edit", "edits", "step", "steps", "thing", "things", "to", "how",
    "it was", "it looked", "the way", "before", "earlier", "version", "state", "again", "thanks",
    "thank you", "ok", "okay", "hey", "oops", "actually", "i", "want", "let's", "lets", "back",
    "请", "帮我", "给我", "把", "它", "这个", "那个", "一下", "的", "样子", "那样",
    "状态", "版本", "效果", "吧", "了", "啊", "呀", "吗", "我", "想", "要", "还是", "算了",
    "之前", "刚才", "原来", "一步", "修改", "操作",
    "por favor", "el", "la", "lo", "eso", "último", "cambio", "cambios", "paso", "pasos",
    "otra vez", "de nuevo",
    "して", "ください", "を", "に", "直前", "の", "変更", "お願い", "お願いします", "さっき", "前", "ね", "よ",
];

/// What a count of changes is counted in ("the last two changes", "3 steps", "两步").
pub(in crate::agent::understand) const COUNT_NOUNS: &[&str] = &[
    "change", "changes", "edit", "edits", "step", "steps", "time", "times", "thing", "things",
    "action", "actions", "move", "moves", "步", "次", "下", "个修改", "处修改", "个操作", "项修改",
    "cambio", "cambios", "paso", "pasos", "veces",
    "回", "件", "ステップ",
    "últimos cambios", "últimos pasos",
    "つ", "個",
];

/// Counts said in one word ("undo twice").
pub(in crate::agent::understand) const COUNT_WORDS: &[(usize, &[&str])] = &[
    (1, &["once"]),
    (2, &["twice", "a couple", "couple"]),
    (3, &["thrice"]),
];

/// Every change there is ("undo everything", "全部撤销").
pub(in crate::agent::understand) const EVERY_CHANGE: &[&str] = &[
    "everything", "all", "all of it", "all changes", "all the changes", "全部", "所有", "一切",
    "所有修改", "全部修改",
    "todo", "todos los cambios",
    "全部", "すべて", "全て",
];

/// Words after which a number counts changes without a count noun ("the last two", 最近两个).
pub(in crate::agent::understand) const COUNT_LEADS: &[&str] = &[
    "last", "previous", "past", "latest", "最后", "最近", "上", "前",
];
