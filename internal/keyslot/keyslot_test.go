package keyslot

import "testing"

// TestSlot compares Of with what CLUSTER KEYSLOT answered on a Redis 7.0 cluster (started with
// .ci/redis-cluster.sh), hash-tag corner cases included.
func TestSlot(t *testing.T) {
	for _, c := range []struct {
		key  string
		slot int
	}{
		{"foo", 12182},
		{"bar", 5061},
		{"hello", 866},
		{"123456789", 12739},
		{"", 0},
		{"ö", 1050},
		{"tasdeeq:epoch", 4716},
		{"{user1000}.following", 3443},
		{"{user1000}.followers", 3443},
		{"tasdeeq:{s0}:x", 11097},
		{"tasdeeq:{meta}:shards", 10453},
		{"{sess}", 15052},
		{"foo{}{bar}", 8363},    // an empty first tag: the whole key is hashed
		{"foo{{bar}}zap", 4015}, // the tag is "{bar", up to the first '}'
		{"foo{bar}{zap}", 5061}, // only the first tag counts: the slot of "bar"
		{"{}", 15257},
		{"{", 4092},
		{"}", 12090},
		{"a{b", 13340},
	} {
		if got := Of(c.key); got != c.slot {
			t.Errorf("Of(%q) = %d, want %d", c.key, got, c.slot)
		}
	}
}

// TestCRC16 checks the checksum against the CRC-16/XMODEM check value.
func TestCRC16(t *testing.T) {
	if got := crc16("123456789"); got != 0x31c3 {
		t.Fatalf("crc16(123456789) = %#x, want 0x31c3", got)
	}
}
