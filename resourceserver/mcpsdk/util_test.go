package mcpsdk_test

import "encoding/json"

// remarshal converts v, as decoded from JSON, into out.
func remarshal(v any, out any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, out)
}
