// What `i2v --help`, `i2v <command> --help` and `i2v help <command>` print: the commands at a
// glance, and each command's own usage, options and examples.

const ENVIRONMENT = `Environment:
  NEMO_API_URL     the backend (default: a local i2v-studio, started for the run)
  NEMO_TOKEN       a token to use; NEMO_WEB_URL the web app for links
  I2V_STUDIO_BIN   the local studio binary; I2V_DATA_DIR its data (~/.local/share/i2v/studio)
  LC_ALL, LC_MESSAGES, LANG   the language of the session and of these lines (en, zh)
  I2V_LOG=debug    every request on stderr, tokens left out`;

const GLOBAL = `i2v: turn still images into a finished video with the NemoVideo agent

Usage: i2v <command> [options]

Commands:
  make      make a video from images, or a batch of videos
  chat      talk to the agent about the current project
  export    render the current project and download it
  credits   the credit balance
  help      a command's own help: i2v help make

Options:
  -h, --help      this text; i2v <command> --help for a command's own
  -V, --version   the version

Examples:
  i2v make photos/*.jpg -p "a 30-second video with smooth transitions and music" -o trip.mp4
  i2v chat "make it vertical for TikTok"
  i2v export -o trip-vertical.mp4

The project of the last make or chat is remembered, so chat and export in later runs go on
with it.

${ENVIRONMENT}`;

const MAKE = `i2v make: make a video from images and an instruction, or a batch of videos

Usage:
  i2v make <images… | folder of images> -p "…" [-o video.mp4 | -o folder/] [options]
  i2v make <folder of image sets | jobs.json> [-p "…"] [-o folder] [-j N]

Options:
  -p, --prompt TEXT         what video to make (in a batch: for sets without a prompt.txt)
  -o, --out PATH            one video: the file to write (default video.mp4; .mp4 is added to a
                            name without one). An existing folder, or a path ending in /, gets
                            <name>.mp4 inside it, <name> being the folder of images given, else
                            "video". A batch: the folder of videos (made if missing).
                            Checked before anything is uploaded: its folder must exist and be
                            writable.
  -d, --duration SECONDS    how long the video lasts (told to the agent)
  -r, --ratio SHAPE         16:9, 9:16, 1:1, 4:5 or 4:3 (told to the agent, which says so when
                            it cannot make a shape)
      --resolution R        480p, 720p, 1080p, 1440p, 2160p or 4k: the frame's short side (the
                            shape stays the project's: 720p 9:16 is 720x1280); a video made
                            at another size is pointed out
      --format FORMAT       mp4 (the default), mov, webm or gif; the file's name ends with it
      --fps N               24, 25, 30 or 60 frames per second (default: the project's)
      --preview             a quick, small render to look at (480p), not for posting
  -j, --jobs N              videos made at once in a batch (default 2)
  -h, --help                this text

Files are checked before anything is uploaded: a missing, empty (0-byte) or unreadable file is
named and nothing is sent; a file the backend refuses by its content is named too.

A folder of image sets holds one folder of images per video, each with an optional prompt.txt.
A job list is [{ "images": [...] | "folder", "prompt": "…", "out": "name.mp4" }], paths
relative to it. A batch shows each video's progress as it goes (a line per video on a
terminal, milestones in a log) and prints one line per video made.

Ctrl-C while rendering stops waiting: with NEMO_API_URL the render goes on and \`i2v export\`
picks the same render up; a local studio stops with i2v, and \`i2v export\` renders again.

Examples:
  i2v make a.jpg b.jpg c.jpg -p "a 20-second video with smooth transitions" -o trip.mp4
  i2v make photos/ -p "a slideshow with calm music" -d 30 -r 9:16 -o videos/
  i2v make photos/*.png -p "把这些照片做成视频，加上背景音乐" -o 旅行.mp4
  i2v make shoots/ -p "a 15-second video with music" -o videos/ -j 3
  i2v make jobs.json -o videos/`;

const CHAT = `i2v chat: talk to the agent about the current project

Usage: i2v chat "text" [files…] [-o video.mp4]

The text goes to the agent as a person would say it; files are uploaded first. "export" (or
"导出") renders the project and downloads the video to --out. Without a project from an
earlier make or chat, a new one is started.

Options:
  -o, --out PATH   where an export asked for in words goes (default video.mp4); the same
                   rules as i2v make's --out
  -h, --help       this text

Examples:
  i2v chat "make it 20 seconds long"
  i2v chat "add these" d.jpg e.jpg
  i2v chat "use calm music and add a title 'Summer'"
  i2v chat "把背景音乐换成安静的"
  i2v chat "export" -o final.mp4
  i2v chat "export it as a 720p webm" -o clip.webm`;

const EXPORT = `i2v export: render the current project and download the video

Usage: i2v export [-o video.mp4] [--resolution R] [--format F] [--fps N] [--preview]

The project is the one of the last make or chat. A render that was interrupted (Ctrl-C) is
picked up, the same render, when the project has not changed since; a video already made for
it is downloaded again without a new render.

Options:
  -o, --out PATH        the file to write (default video.mp4); an existing folder, or a path
                        ending in /, gets video.mp4 inside it; checked before the render
      --resolution R    480p, 720p, 1080p, 1440p, 2160p or 4k, as in i2v make
      --format FORMAT   mp4 (the default), mov, webm or gif; -o's name must end with it
      --fps N           24, 25, 30 or 60
      --preview         a quick, small render to look at
  -h, --help            this text

Examples:
  i2v export
  i2v export -o videos/
  i2v export -o small.mp4 --resolution 720p
  i2v export -o loop.gif --format gif
  i2v export -o clip.webm --format webm --resolution 720p --fps 30`;

const CREDITS = `i2v credits: the credit balance

Usage: i2v credits

Generating and editing cost credits; exporting is free.

Examples:
  i2v credits`;

const HELP = `i2v help: a command's help

Usage: i2v help [command]

Examples:
  i2v help make`;

const BY_COMMAND = { make: MAKE, chat: CHAT, export: EXPORT, credits: CREDITS, help: HELP };

/** The help of `command`, or the overview when it is null or has none. */
export function helpText(command = null) {
  return BY_COMMAND[command] ?? GLOBAL;
}
