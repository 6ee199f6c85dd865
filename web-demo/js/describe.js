// Tool calls in words. The agent's tools are internal; a person sees what is being done, in the
// present while it runs and in the past once it is done. Unknown tools get their name in words.

const TOOLS = {
  create_slideshow: ['Arranging your photos on the timeline', 'Arranged your photos on the timeline'],
  add_music_and_title: ['Adding music and a title', 'Added music and a title'],
  add_clips: ['Adding clips', 'Added clips'],
  remove_clips: ['Removing clips', 'Removed clips'],
  move_clip: ['Moving a clip', 'Moved a clip'],
  swap_clips: ['Swapping clips', 'Swapped clips'],
  set_clip_durations: ['Changing clip lengths', 'Changed clip lengths'],
  set_duration: ['Changing the length', 'Changed the length'],
  set_transitions: ['Changing transitions', 'Changed transitions'],
  set_motion: ['Changing the motion', 'Changed the motion'],
  set_aspect_ratio: ['Changing the frame shape', 'Changed the frame shape'],
  set_music: ['Choosing music', 'Chose music'],
  set_music_volume: ['Changing the music volume', 'Changed the music volume'],
  remove_music: ['Removing the music', 'Removed the music'],
  set_title: ['Setting the title', 'Set the title'],
  remove_title: ['Removing the title', 'Removed the title'],
  add_captions: ['Adding captions', 'Added captions'],
  set_caption: ['Changing a caption', 'Changed a caption'],
  remove_captions: ['Removing captions', 'Removed captions'],
};

/** What a tool is doing, for a progress line: `[running, done]`. */
export function describeTool(name) {
  const known = TOOLS[name];
  if (known) return known;
  const words = String(name).replace(/[_-]+/g, ' ').trim() || 'a step';
  const sentence = words.charAt(0).toUpperCase() + words.slice(1);
  return [`Working: ${sentence}`, `Done: ${sentence}`];
}

/** A GUI action from a reply that the page must do itself, as a button label, or null. */
export function describeAction(action) {
  return action?.kind === 'upload' ? 'Add images' : null;
}
