//! Where the config file is: `--config`, the environment, XDG, then `directories`.

use super::diagnostics::ConfigError;
use std::collections::BTreeMap;
use std::ffi::{OsStr, OsString};
use std::fmt;
use std::path::{Path, PathBuf};

/// The name of the program's folders.
pub const APP_NAME: &str = "cable-reader";
/// The environment variable naming a config file.
pub const CONFIG_ENV: &str = "CABLE_READER_CONFIG";
/// The config file's name inside its folder.
pub const CONFIG_FILE_NAME: &str = "config.toml";

/// The environment the program's paths are found from: the variables it reads and the
/// platform folders of the `directories` crate. `Environment::system()` reads the real ones;
/// tests build one by hand, so they never touch the real environment or home.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Environment {
    vars: BTreeMap<String, OsString>,
    platform: PlatformDirs,
}

/// The `directories` crate's folders for cable-reader, or stand-ins for them in tests.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlatformDirs {
    pub config_dir: Option<PathBuf>,
    /// Linux only (`~/.local/state/cable-reader`); `None` elsewhere.
    pub state_dir: Option<PathBuf>,
    pub data_dir: Option<PathBuf>,
}

impl Environment {
    /// The variables cable-reader reads.
    pub const VARIABLES: [&'static str; 4] = [
        CONFIG_ENV,
        "XDG_CONFIG_HOME",
        "XDG_STATE_HOME",
        "XDG_DATA_HOME",
    ];

    /// The real environment and the platform's folders.
    pub fn system() -> Environment {
        let mut env = Environment::empty();
        for name in Environment::VARIABLES {
            if let Some(value) = std::env::var_os(name) {
                env.vars.insert(name.to_owned(), value);
            }
        }
        if let Some(dirs) = directories::ProjectDirs::from("", "", APP_NAME) {
            env.platform = PlatformDirs {
                config_dir: Some(dirs.config_dir().to_path_buf()),
                state_dir: dirs.state_dir().map(Path::to_path_buf),
                data_dir: Some(dirs.data_dir().to_path_buf()),
            };
        }
        env
    }

    /// No variables and no platform folders.
    pub fn empty() -> Environment {
        Environment::default()
    }

    pub fn with_var(mut self, name: &str, value: impl Into<OsString>) -> Environment {
        self.vars.insert(name.to_owned(), value.into());
        self
    }

    pub fn with_platform_dirs(mut self, platform: PlatformDirs) -> Environment {
        self.platform = platform;
        self
    }

    pub fn platform(&self) -> &PlatformDirs {
        &self.platform
    }

    /// A variable's value; an empty value counts as unset.
    pub fn var(&self, name: &str) -> Option<&OsStr> {
        self.vars
            .get(name)
            .map(OsString::as_os_str)
            .filter(|value| !value.is_empty())
    }

    /// An XDG base-directory variable: set, non-empty and absolute (the spec says to ignore
    /// relative paths).
    pub fn xdg_dir(&self, name: &str) -> Option<PathBuf> {
        self.var(name)
            .map(PathBuf::from)
            .filter(|path| path.is_absolute())
    }
}

/// Which rule chose the config path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathOrigin {
    /// `--config FILE`.
    Flag,
    /// `$CABLE_READER_CONFIG`.
    EnvVar,
    /// `$XDG_CONFIG_HOME/cable-reader/config.toml`.
    XdgConfigHome,
    /// The `directories` crate's config folder.
    Platform,
}

impl PathOrigin {
    /// Whether the user named the file: then a missing file is an error, not "use defaults".
    pub fn is_explicit(self) -> bool {
        matches!(self, PathOrigin::Flag | PathOrigin::EnvVar)
    }
}

impl fmt::Display for PathOrigin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PathOrigin::Flag => "--config",
            PathOrigin::EnvVar => "$CABLE_READER_CONFIG",
            PathOrigin::XdgConfigHome => "$XDG_CONFIG_HOME",
            PathOrigin::Platform => "the platform's config folder",
        })
    }
}

/// The config file to use and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigLocation {
    pub path: PathBuf,
    pub origin: PathOrigin,
}

/// Finds the config file: `--config FILE`, else `$CABLE_READER_CONFIG`, else
/// `$XDG_CONFIG_HOME/cable-reader/config.toml` (on macOS too), else the `directories` config
/// folder.
pub fn config_location(
    flag: Option<&Path>,
    env: &Environment,
) -> Result<ConfigLocation, ConfigError> {
    if let Some(path) = flag {
        return Ok(ConfigLocation {
            path: path.to_path_buf(),
            origin: PathOrigin::Flag,
        });
    }
    if let Some(path) = env.var(CONFIG_ENV) {
        return Ok(ConfigLocation {
            path: PathBuf::from(path),
            origin: PathOrigin::EnvVar,
        });
    }
    if let Some(dir) = env.xdg_dir("XDG_CONFIG_HOME") {
        return Ok(ConfigLocation {
            path: dir.join(APP_NAME).join(CONFIG_FILE_NAME),
            origin: PathOrigin::XdgConfigHome,
        });
    }
    match &env.platform.config_dir {
        Some(dir) => Ok(ConfigLocation {
            path: dir.join(CONFIG_FILE_NAME),
            origin: PathOrigin::Platform,
        }),
        None => Err(ConfigError::NoConfigDir),
    }
}
