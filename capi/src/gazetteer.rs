//! `nw_gazetteer`: loading entities.

use std::ptr;
use std::sync::Arc;

use nw::Gazetteer;
use nw::gazetteer::Format;

use crate::boundary::{
    Fail, bytes_arg, clear_out, free_box, handle, opt_str_arg, out_ptr, path_arg, put_count,
    put_handle, run, str_arg, utf8,
};
use crate::{nw_entity, nw_error, nw_status};

/// A set of entities (id, kind, name, aliases), loaded from a file or a buffer, the
/// built-in default one, or a matcher's (`nw_matcher_gazetteer`).
///
/// Thread safety: read-only once made; may be shared by any number of threads at once.
/// Lifetime: owned by the caller, freed with `nw_gazetteer_free`. Matchers and documents
/// made from it keep what they need alive, so it may be freed before them. The gazetteer
/// of a matcher from `nw_matcher_load` is read from the mapped snapshot file, which must
/// not change while it lives.
pub struct nw_gazetteer {
    pub(crate) gazetteer: Arc<Gazetteer>,
}

impl nw_gazetteer {
    pub(crate) fn new(gazetteer: Arc<Gazetteer>) -> nw_gazetteer {
        nw_gazetteer { gazetteer }
    }
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
        put_handle(out, nw_gazetteer::new(Arc::new(Gazetteer::builtin())));
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
        // SAFETY: forwarded from the caller.
        let path = unsafe { path_arg(path, path_len) }?;
        // The format comes from the extension (`Format::from_path`, inside).
        let gazetteer = Gazetteer::from_path(path)?;
        put_handle(out, nw_gazetteer::new(Arc::new(gazetteer)));
        Ok(())
    })
}

/// The body of `nw_gazetteer_from_jsonl` and `nw_gazetteer_from_tsv`.
unsafe fn from_buffer(
    format: Format,
    (data, len): (*const u8, usize),
    (name, name_len): (*const u8, usize),
    out: *mut *mut nw_gazetteer,
) -> Result<(), Fail> {
    let out = clear_out(out)?;
    // SAFETY: forwarded from the caller.
    let name = unsafe { opt_str_arg(name, name_len, "name") }?.unwrap_or("<memory>");
    // SAFETY: forwarded from the caller.
    let bytes = unsafe { bytes_arg(data, len, "data") }?;
    let text = utf8(bytes, name)?;
    let gazetteer = Gazetteer::from_str_as(text, format, name)?;
    put_handle(out, nw_gazetteer::new(Arc::new(gazetteer)));
    Ok(())
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
    run("nw_gazetteer_from_jsonl", err, || {
        // SAFETY: forwarded from the caller.
        unsafe { from_buffer(Format::Jsonl, (data, len), (name, name_len), out) }
    })
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
    run("nw_gazetteer_from_tsv", err, || {
        // SAFETY: forwarded from the caller.
        unsafe { from_buffer(Format::Tsv, (data, len), (name, name_len), out) }
    })
}

/// Free a gazetteer. NULL is allowed and does nothing. Matchers and documents made from it
/// stay valid.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nw_gazetteer_free(gazetteer: *mut nw_gazetteer) {
    // SAFETY: the caller passes NULL or a gazetteer it owns, once.
    run("nw_gazetteer_free", ptr::null_mut(), || unsafe {
        free_box(gazetteer)
    });
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
        unsafe { out.write(nw_entity::from(entity)) };
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
