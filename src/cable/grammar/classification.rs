//! Classification line, caveat lines and page headers.
