package diff

import (
	"reflect"

	"github.com/journey-cx/journey/journey"
)

var (
	posType     = reflect.TypeFor[journey.Pos]()
	posListType = reflect.TypeFor[[]journey.Pos]()
	elementType = reflect.TypeFor[journey.Element]()
)

// Equal reports whether two maps hold the same content: every field of
// every element, ignoring where in the file things are written (positions,
// paths) and the file name.
func Equal(a, b *journey.Map) bool {
	if a == nil || b == nil {
		return a == b
	}
	return equal(reflect.ValueOf(*a), reflect.ValueOf(*b))
}

func equal(a, b reflect.Value) bool {
	switch a.Kind() {
	case reflect.Pointer:
		if a.IsNil() || b.IsNil() {
			return a.IsNil() == b.IsNil()
		}
		return equal(a.Elem(), b.Elem())
	case reflect.Slice:
		if a.Len() != b.Len() {
			return false
		}
		for i := 0; i < a.Len(); i++ {
			if !equal(a.Index(i), b.Index(i)) {
				return false
			}
		}
		return true
	case reflect.Map:
		if a.Len() != b.Len() {
			return false
		}
		for _, k := range a.MapKeys() {
			bv := b.MapIndex(k)
			if !bv.IsValid() || !equal(a.MapIndex(k), bv) {
				return false
			}
		}
		return true
	case reflect.Struct:
		t := a.Type()
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if !f.IsExported() || f.Type == posType || f.Type == posListType || f.Type == elementType ||
				(t == reflect.TypeFor[journey.Map]() && f.Name == "File") {
				continue
			}
			if !equal(a.Field(i), b.Field(i)) {
				return false
			}
		}
		return true
	}
	return a.Interface() == b.Interface()
}
