//! The `infradoc` binary: everything happens in the library's `cli` module.

fn main() -> std::process::ExitCode {
    infradoc::cli::main()
}
