//! The `i2v-studio` binary (placeholder until the server lands).

fn main() {}
