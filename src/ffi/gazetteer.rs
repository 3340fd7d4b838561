//! `nw_gazetteer`: loading entities.

use std::path::PathBuf;
use std::ptr;
use std::sync::Arc;

use super::{
    Fail, free_box, handle, nw_entity, nw_error, nw_status, opt_str_arg, out_ptr, put_count, run,
    str_arg, utf8,
};
use crate::Gazetteer;

/// A set of entities (id, kind, name, aliases), loaded from a file or a buffer, or the
/// built-in default one.
///
/// Thread safety: read-only once made; may be shared by any number of threads at once.
/// Lifetime: owned by the caller, freed with `nw_gazetteer_free`. Matchers and documents
/// made from it keep what they need alive, so it may be freed before them.
pub struct nw_gazetteer {
    pub(crate) gazetteer: Arc<Gazetteer>,
}

fn put_gazetteer(out: *mut *mut nw_gazetteer, gazetteer: Gazetteer) {
    let boxed = Box::new(nw_gazetteer {
        gazetteer: Arc::new(gazetteer),
    });
    // SAFETY: the caller checked `out` for NULL; it is writable.
    unsafe { out.write(Box::into_raw(boxed)) };
}

/// Begin a constructor: check the handle out-parameter and clear it, so that it is NULL
/// whenever the call fails.
pub(crate) fn clear_out<T>(out: *mut *mut T) -> Result<*mut *mut T, Fail> {
    let out = out_ptr(out, "out")?;
    // SAFETY: checked for NULL; the caller guarantees it is writable.
    unsafe { out.write(ptr::null_mut()) };
    Ok(out)
}

/// The built-in default gazetteer: countries, capitals and major cities, US states,
/// international organisations, news agencies and major companies, with the standard
/// alias filter.
/// On success `*out` gets a new gazetteer; on failure it is set to NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_gazetteer_builtin(
    out: *mut *mut nw_gazetteer,
    err: *mut *mut nw_error,
) -> nw_status {
    run("nw_gazetteer_builtin", err, || {
        let out = clear_out(out)?;
        put_gazetteer(out, Gazetteer::builtin());
        Ok(())
    })
}

/// Load a gazetteer file: `.jsonl` or `.json` as JSON Lines, `.tsv` as TSV
/// (`id<TAB>kind<TAB>name<TAB>alias|alias|...`). The path is `path_len` bytes at `path`
/// (no NUL needed). A bad line fails the whole load with `NW_ERR_GAZETTEER` and a message
/// `path:line: reason`; an unreadable file gives `NW_ERR_IO`, an unknown extension
/// `NW_ERR_OPTION`. On failure `*out` is set to NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_gazetteer_from_path(
    path: *const u8,
    path_len: usize,
    out: *mut *mut nw_gazetteer,
    err: *mut *mut nw_error,
) -> nw_status {
    run("nw_gazetteer_from_path", err, || {
        let out = clear_out(out)?;
        if path.is_null() {
            return Err(Fail::null("path"));
        }
        // SAFETY: forwarded from the caller.
        let bytes = unsafe { super::bytes_arg(path, path_len, "path") }?;
        let path = path_from_bytes(bytes)?;
        put_gazetteer(out, Gazetteer::from_path(path)?);
        Ok(())
    })
}

#[cfg(unix)]
fn path_from_bytes(bytes: &[u8]) -> Result<PathBuf, Fail> {
    use std::os::unix::ffi::OsStrExt;
    Ok(PathBuf::from(std::ffi::OsStr::from_bytes(bytes)))
}

#[cfg(not(unix))]
fn path_from_bytes(bytes: &[u8]) -> Result<PathBuf, Fail> {
    utf8(bytes, "path").map(PathBuf::from)
}

/// Which in-memory format a buffer is in.
#[derive(Clone, Copy)]
enum Format {
    Jsonl,
    Tsv,
}

unsafe fn from_buffer(
    func: &'static str,
    format: Format,
    (data, len): (*const u8, usize),
    (name, name_len): (*const u8, usize),
    out: *mut *mut nw_gazetteer,
    err: *mut *mut nw_error,
) -> nw_status {
    run(func, err, || {
        let out = clear_out(out)?;
        // SAFETY: forwarded from the caller.
        let name = unsafe { opt_str_arg(name, name_len, "name") }?.unwrap_or("<memory>");
        // SAFETY: forwarded from the caller.
        let bytes = unsafe { super::bytes_arg(data, len, "data") }?;
        let text = utf8(bytes, name)?;
        let gazetteer = match format {
            Format::Jsonl => Gazetteer::from_jsonl_str(text, name)?,
            Format::Tsv => Gazetteer::from_tsv_str(text, name)?,
        };
        put_gazetteer(out, gazetteer);
        Ok(())
    })
}

/// Load a gazetteer from `len` bytes of JSON Lines at `data` (one entity object per line).
/// `name` (`name_len` bytes; NULL for `<memory>`) names the buffer in error messages, as
/// in `name:line: reason`. Invalid UTF-8 gives `NW_ERR_UTF8` with the byte offset and
/// line. On failure `*out` is set to NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_gazetteer_from_jsonl(
    data: *const u8,
    len: usize,
    name: *const u8,
    name_len: usize,
    out: *mut *mut nw_gazetteer,
    err: *mut *mut nw_error,
) -> nw_status {
    // SAFETY: forwarded from the caller.
    unsafe {
        from_buffer(
            "nw_gazetteer_from_jsonl",
            Format::Jsonl,
            (data, len),
            (name, name_len),
            out,
            err,
        )
    }
}

/// Load a gazetteer from `len` bytes of TSV at `data`
/// (`id<TAB>kind<TAB>name<TAB>alias|alias|...`, `#` comments). Otherwise as
/// `nw_gazetteer_from_jsonl`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_gazetteer_from_tsv(
    data: *const u8,
    len: usize,
    name: *const u8,
    name_len: usize,
    out: *mut *mut nw_gazetteer,
    err: *mut *mut nw_error,
) -> nw_status {
    // SAFETY: forwarded from the caller.
    unsafe {
        from_buffer(
            "nw_gazetteer_from_tsv",
            Format::Tsv,
            (data, len),
            (name, name_len),
            out,
            err,
        )
    }
}

/// Free a gazetteer. NULL is allowed and does nothing. Matchers and documents made from it
/// stay valid.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_gazetteer_free(gazetteer: *mut nw_gazetteer) {
    // SAFETY: the caller passes NULL or a gazetteer it owns, once.
    unsafe { free_box(gazetteer) }
}

/// The number of entities.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_gazetteer_len(
    gazetteer: *const nw_gazetteer,
    out: *mut usize,
    err: *mut *mut nw_error,
) -> nw_status {
    run("nw_gazetteer_len", err, || {
        let g = unsafe { handle(gazetteer, "gazetteer") }?;
        unsafe { put_count(g.gazetteer.len(), out) }
    })
}

/// The entity at `index` (0 to len - 1; `NW_ERR_RANGE` otherwise). The id, kind and name
/// in `*out` are views borrowed from the gazetteer, valid until `nw_gazetteer_free`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_gazetteer_entity(
    gazetteer: *const nw_gazetteer,
    index: usize,
    out: *mut nw_entity,
    err: *mut *mut nw_error,
) -> nw_status {
    run("nw_gazetteer_entity", err, || {
        let g = unsafe { handle(gazetteer, "gazetteer") }?;
        let out = out_ptr(out, "out")?;
        let entity = g
            .gazetteer
            .entities()
            .nth(index)
            .ok_or_else(|| Fail::range("entity", index, g.gazetteer.len()))?;
        // SAFETY: checked for NULL; the caller guarantees it is writable.
        unsafe { out.write(nw_entity::new(index, entity)) };
        Ok(())
    })
}

/// Look an entity up by its id string (`id_len` bytes at `id`). `*found` says whether it
/// exists; when it does, `*index` gets its index (for `nw_gazetteer_entity`).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_gazetteer_find(
    gazetteer: *const nw_gazetteer,
    id: *const u8,
    id_len: usize,
    index: *mut usize,
    found: *mut bool,
    err: *mut *mut nw_error,
) -> nw_status {
    run("nw_gazetteer_find", err, || {
        let g = unsafe { handle(gazetteer, "gazetteer") }?;
        let index = out_ptr(index, "index")?;
        let found = out_ptr(found, "found")?;
        let id = unsafe { str_arg(id, id_len, "id") }?;
        let hit = g.gazetteer.get(id).map(|(eid, _)| eid.index());
        // SAFETY: both checked for NULL; the caller guarantees they are writable.
        unsafe {
            index.write(hit.unwrap_or(0));
            found.write(hit.is_some());
        }
        Ok(())
    })
}
