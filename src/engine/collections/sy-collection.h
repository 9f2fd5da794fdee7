/* sy-collection.h — a collection definition (`switchyard-collection/1`) and its values
 *
 * An immutable, validated definition: name, title, typed fields. Records
 * always have `id`, `created_at` and `updated_at` besides the fields. The
 * value checks here are the single place that decides what a field
 * accepts: writes, filters and table migrations all go through them.
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define SY_COLLECTION_FORMAT "switchyard-collection/1"

#define SY_COLLECTION_ERROR (sy_collection_error_quark ())
typedef enum
{
  SY_COLLECTION_ERROR_INVALID,   /* bad input: a definition, a value, a filter, a query */
  SY_COLLECTION_ERROR_NOT_FOUND, /* unknown collection or record */
  SY_COLLECTION_ERROR_REFUSED,   /* the change would lose or break data (migration, reference) */
} SyCollectionError;
GQuark sy_collection_error_quark (void);

typedef enum
{
  SY_FIELD_TYPE_STRING,
  SY_FIELD_TYPE_TEXT,
  SY_FIELD_TYPE_INTEGER,
  SY_FIELD_TYPE_NUMBER,
  SY_FIELD_TYPE_BOOLEAN,
  SY_FIELD_TYPE_DATE,      /* "YYYY-MM-DD" */
  SY_FIELD_TYPE_DATETIME,  /* RFC 3339; stored as UTC with milliseconds */
  SY_FIELD_TYPE_JSON,
  SY_FIELD_TYPE_CHOICE,    /* one of `options` */
  SY_FIELD_TYPE_BELONGS_TO /* the id of a record of `target` */
} SyFieldType;

const char *sy_field_type_to_string   (SyFieldType  type);
gboolean    sy_field_type_from_string (const char  *text,
                                       SyFieldType *type);

/* Collection and field names: a lowercase letter, then up to 62 lowercase
 * letters, digits or "_". */
gboolean    sy_collection_name_is_valid (const char *name);

/* The automatic members of every record. */
#define SY_RECORD_ID         "id"
#define SY_RECORD_CREATED_AT "created_at"
#define SY_RECORD_UPDATED_AT "updated_at"
gboolean    sy_record_member_is_automatic (const char *name);

typedef struct
{
  char        *name;
  char        *title;         /* NULL = none */
  SyFieldType  type;
  gboolean     required;
  JsonNode    *default_value; /* already checked and normalized; NULL = none */
  GStrv        options;       /* choice */
  char        *target;        /* belongs-to: the target collection */
} SyCollectionField;

#define SY_TYPE_COLLECTION (sy_collection_get_type ())
G_DECLARE_FINAL_TYPE (SyCollection, sy_collection, SY, COLLECTION, GObject)

/* Parses and checks a definition. On problems: NULL with
 * SY_COLLECTION_ERROR_INVALID listing every one ("fields[1].type: …"). */
SyCollection            *sy_collection_new_from_json  (JsonNode     *node,
                                                       GError      **error);
SyCollection            *sy_collection_new_from_data  (const char   *json,
                                                       gssize        length,
                                                       GError      **error);
/* The definition document (normalized: defaults in their stored form). */
JsonNode                *sy_collection_to_json        (SyCollection *self);

const char              *sy_collection_get_name       (SyCollection *self);
/* The title, or the name when the definition has none. */
const char              *sy_collection_get_title      (SyCollection *self);
guint                    sy_collection_get_n_fields   (SyCollection *self);
const SyCollectionField *sy_collection_get_field      (SyCollection *self,
                                                       guint         index);
const SyCollectionField *sy_collection_lookup_field   (SyCollection *self,
                                                       const char   *name);
/* TRUE when both define the same fields (names, types, rules, order). */
gboolean                 sy_collection_same_fields    (SyCollection *self,
                                                       SyCollection *other);

/* Checks `value` for `field` and returns it in its stored form: "5" for an
 * integer field gives 5, a datetime becomes UTC with milliseconds, an
 * object with an "id" gives that id for a belongs-to. null stays null
 * (required is the caller's business). Errors name the field and the
 * reason: "qty: expected a whole number, got “abc”". Whether a belongs-to
 * id exists is checked by the store. */
JsonNode   *sy_collection_field_check_value (const SyCollectionField *field,
                                             JsonNode                *value,
                                             GError                 **error);

typedef enum
{
  SY_VALUES_CREATE, /* missing members get their default; required ones must be there */
  SY_VALUES_UPDATE, /* only the members given; required ones may not become null */
} SyValuesMode;

/* Checks the values of a write: unknown and automatic members are refused,
 * every value is checked. Returns the normalized values (a new object). */
JsonObject *sy_collection_check_values      (SyCollection            *self,
                                             JsonObject              *values,
                                             SyValuesMode             mode,
                                             GError                 **error);

G_END_DECLS
