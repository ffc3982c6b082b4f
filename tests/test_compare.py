"""Unit tests of the comparison rules, the default tolerances and byte sizes."""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pytest

from kata.harness.compare import TOLERANCES, compare
from kata.harness.values import decode, encode, format_size, parse_size

# ---------------------------------------------------------------------------------------
# Arrays


def test_shape_is_checked_first() -> None:
    assert compare(np.zeros((4, 5)), np.zeros((5, 4), dtype=int)) == "result: expected shape (4, 5), got (5, 4)"


def test_dtype_family_is_checked_after_shape() -> None:
    assert compare(np.zeros(3), np.zeros(3, dtype=np.int32)) == \
        "result: expected a floating-point array (float64), got dtype int32"


def test_any_float_width_is_the_same_family() -> None:
    assert compare(np.ones(3), np.ones(3, dtype=np.float32)) is None


def test_values_report_the_largest_difference_where_and_both_values() -> None:
    expected = np.array([[1.0, 2.0], [3.0, 4.0]])
    actual = np.array([[1.0, 2.5], [3.0, 0.0]])
    assert compare(expected, actual) == ("result: 2 of 4 values differ beyond rtol=1e-07, atol=1e-09; "
                                         "largest difference 4.0 at index (1, 1): expected 4.0, got 0.0")


@pytest.mark.parametrize(("dtype", "passes"), [(np.float32, True), (np.float64, False)])
def test_default_tolerance_depends_on_dtype(dtype: Any, passes: bool) -> None:
    expected = np.array([1.0, 2.0], dtype=dtype)
    actual = (expected * (1 + 1e-6)).astype(dtype)
    assert (compare(expected, actual) is None) is passes


def test_float32_defaults_are_looser_than_float64() -> None:
    assert TOLERANCES["float32"][0] > TOLERANCES["float64"][0]
    assert TOLERANCES["float32"][1] > TOLERANCES["float64"][1]


def test_the_less_precise_dtype_sets_the_defaults() -> None:
    assert compare(np.array([1.0]), np.array([1.000001], dtype=np.float32)) is None


def test_explicit_tolerances_win() -> None:
    assert compare(np.array([1.0]), np.array([1.1]), rtol=0.2) is None
    assert compare(np.array([1.0]), np.array([1.1]), atol=0.2, rtol=0.0) is None
    assert compare(np.array([1.0], dtype=np.float32), np.array([1.00001], dtype=np.float32), rtol=0.0, atol=0.0)


def test_nan_equals_nan_but_not_a_number() -> None:
    assert compare(np.array([np.nan, 1.0]), np.array([np.nan, 1.0])) is None
    assert compare(np.array([np.nan]), np.array([0.0])) == ("result: 1 of 1 values differ beyond rtol=1e-07, "
                                                            "atol=1e-09; largest difference nan at index (0,): "
                                                            "expected nan, got 0.0")


def test_infinities_match_only_themselves() -> None:
    assert compare(np.array([np.inf, -np.inf]), np.array([np.inf, -np.inf])) is None
    assert compare(np.array([np.inf]), np.array([-np.inf])) is not None


def test_integers_are_exact() -> None:
    assert compare(np.array([1, 2, 3]), np.array([1, 2, 4], dtype=np.int8)) == \
        "result: 1 of 3 values differ; first at index (2,): expected 3, got 4"


def test_bools_are_exact_and_not_integers() -> None:
    assert compare(np.array([True, False]), np.array([True, False])) is None
    assert compare(np.array([True]), np.array([1])) == "result: expected a bool array (bool), got dtype int64"


def test_complex_values() -> None:
    assert compare(np.array([1 + 1j]), np.array([1 + 1j])) is None
    assert compare(np.array([1 + 1j]), np.array([1 - 1j])) is not None


def test_an_ndarray_subclass_is_judged_by_its_data() -> None:
    class Liar(np.ndarray):
        def __eq__(self, other: object) -> Any:
            return np.ones(2, dtype=bool)

    assert compare(np.ones(2), np.zeros(2).view(Liar)) is not None
    assert compare(np.ones(2), np.ones(2).view(Liar)) is None


def test_array_like_objects_are_not_arrays() -> None:
    class Fake:
        def __array__(self, *args: Any, **kwargs: Any) -> np.ndarray:
            return np.ones(2)

    assert compare(np.ones(2), Fake()) == "result: expected a NumPy array of shape (2,), got an object of type Fake"
    assert compare(np.ones(2), [1.0, 1.0]) == "result: expected a NumPy array of shape (2,), got a list of length 2"


# ---------------------------------------------------------------------------------------
# Scalars


def test_scalars_against_0d_arrays_both_ways() -> None:
    assert compare(3.0, np.array(3.0)) is None
    assert compare(np.array(3.0), 3.0) is None
    assert compare(np.float64(3.0), np.array(3.0, dtype=np.float32)) is None
    assert compare(3.0, np.array([3.0])) == "result: expected float 3.0, got an array of shape (1,) and dtype float64"


def test_scalar_difference_message() -> None:
    assert compare(1.0, 1.5) == ("result: expected 1.0, got 1.5 (difference 0.5, relative error 0.5; "
                                 "rtol=1e-07, atol=1e-09)")


def test_integer_scalars_are_exact_and_accept_numpy_integers() -> None:
    assert compare(3, np.int64(3)) is None
    assert compare(3, 4) == "result: expected 3, got 4"
    assert compare(3, 3.0) == "result: expected an integer 3, got float 3.0"


def test_a_float_accepts_an_integer_of_the_same_value() -> None:
    assert compare(2.0, 2) is None


def test_bool_is_not_an_integer() -> None:
    assert compare(True, 1) == "result: expected a bool True, got int 1"
    assert compare(1, True) == "result: expected an integer 1, got bool True"


def test_float_subclass_is_read_as_a_float() -> None:
    class Sly(float):
        def __eq__(self, other: object) -> bool:
            return True

        __hash__ = float.__hash__

    assert compare(1.0, Sly(2.0)) == (
        "result: expected 1.0, got 2.0 (difference 1.0, relative error 1.0; rtol=1e-07, atol=1e-09)")


def test_none() -> None:
    assert compare(None, None) is None
    assert compare(None, 0) == "result: expected None, got int 0"
    assert compare(0, None) == "result: expected int 0, got None"


def test_objects_with_a_lying_eq_never_match() -> None:
    class Anything:
        def __eq__(self, other: object) -> bool:
            return True

    for expected in (1, 1.0, "a", [1], (1,), {"a": 1}, np.ones(1), np.float64(1.0)):
        assert compare(expected, Anything()) is not None


# ---------------------------------------------------------------------------------------
# Strings and containers


def test_strings() -> None:
    assert compare("gelu", "gelu") is None
    assert compare("gelu", "relu") == "result: expected 'gelu', got 'relu' (first difference at character 0)"
    assert compare("ab", "abc") == "result: expected 'ab', got 'abc' (first difference at character 2)"


def test_str_subclass_is_read_by_its_characters() -> None:
    class Sly(str):
        def __eq__(self, other: object) -> bool:
            return True

        __hash__ = str.__hash__

    assert compare("a", Sly("b")) is not None
    assert compare("a", Sly("a")) is None


def test_lists_and_tuples_give_the_path_to_the_first_difference() -> None:
    assert compare([1, (2.0, np.ones(2))], [1, (2.0, np.zeros(2))]) == (
        "result[1][1]: 2 of 2 values differ beyond rtol=1e-07, atol=1e-09; largest difference 1.0 "
        "at index (0,): expected 1.0, got 0.0")
    assert compare([1, 2], [1]) == (
        "result: expected a list of length 2, got length 1; after 1 matching item, 1 is missing: [2]")


def test_list_and_tuple_are_one_family() -> None:
    assert compare([1, 2], (1, 2)) is None
    assert compare((1, 2), [1, 2]) is None


def test_a_tuple_subclass_is_read_through_tuple_itself() -> None:
    class Liar(tuple):
        def __len__(self) -> int:
            return 2

        def __iter__(self) -> Any:
            return iter([1, 2])

        def __getitem__(self, index: Any) -> Any:
            return [1, 2][index]

    assert compare([1, 2], Liar((7, 8, 9))) == (
        "result: expected a list of length 2, got length 3; first difference: result[0]: expected 1, got 7")
    assert compare([1, 2], Liar((1, 2))) is None


def test_dicts_recursively() -> None:
    assert compare({"a": [1.0, 2.0]}, {"a": [1.0, 2.5]}) == (
        "result['a'][1]: expected 2.0, got 2.5 (difference 0.5, relative error 0.25; rtol=1e-07, atol=1e-09)")
    assert compare({"a": 1}, {}) == "result: missing key 'a'"
    assert compare({"a": 1}, {"a": 1, "b": 2}) == "result: unexpected key 'b'"
    assert compare({"a": 1}, [("a", 1)]) == "result: expected a dict, got a list of length 1"


def test_dict_keys_are_matched_without_the_learners_eq_or_hash() -> None:
    class Joker(str):
        def __eq__(self, other: object) -> bool:
            return True

        def __hash__(self) -> int:
            return hash("a")

    assert compare({"a": 1}, {Joker("z"): 1}) == "result: missing key 'a', unexpected key 'z'"
    assert compare({"a": 1}, {Joker("a"): 1}) is None
    assert compare({1: 1}, {True: 1}) == "result: missing key 1, unexpected key True"


def test_a_dict_subclass_is_read_through_dict_itself() -> None:
    class Sly(dict):
        def items(self) -> Any:
            return [("a", 1)]

    assert compare({"a": 1}, Sly(a=2)) == "result['a']: expected 1, got 2"


def test_tolerances_reach_nested_values() -> None:
    assert compare({"w": [np.array([1.0])]}, {"w": [np.array([1.05])]}, rtol=0.1) is None


def test_an_expected_value_of_an_unknown_type_is_the_tests_mistake() -> None:
    with pytest.raises(TypeError, match="cannot compare with an expected value of type object"):
        compare(object(), 1)


# ---------------------------------------------------------------------------------------
# Encoding of expected values


@pytest.mark.parametrize("value", [
    1, 2**60, -2**70, 1.5, float("inf"), float("nan"), -0.0, True, None, "text", [1, [2.0]], (1, "a"),
    {"a": (1, 2), 3: [None]}, np.arange(6, dtype=np.int16).reshape(2, 3), np.array([1 + 2j]),
    np.float32(0.1), np.array(True), np.zeros((0, 3)),
])
def test_encode_decode_round_trip(value: Any) -> None:
    back = decode(encode(value))
    assert type(back) is type(value)
    assert compare(value, back, 0.0, 0.0) is None if value is not None else back is None


def test_encode_refuses_what_it_cannot_freeze() -> None:
    with pytest.raises(TypeError, match="cannot freeze a value of type object as an expected value"):
        encode(object())
    with pytest.raises(TypeError, match="cannot freeze an array of dtype <U1 as an expected value"):
        encode(np.array(["a"]))


# ---------------------------------------------------------------------------------------
# Sizes


@pytest.mark.parametrize(("text", "size"), [
    ("1 MB", 1_000_000), ("512 KiB", 524_288), ("1.5 GB", 1_500_000_000), ("2048", 2048), (2048, 2048),
    ("10kb", 10_000), ("3 MiB", 3 * 1024**2), ("1 GiB", 1024**3), ("0 B", 0), (" 4.35 MB ", 4_350_000),
])
def test_parse_size(text: str | int, size: int) -> None:
    assert parse_size(text) == size


@pytest.mark.parametrize("text", ["lots", "1 TB", "-1 MB", "1e6", "", "MB", -5, True, 1.5, None])
def test_parse_size_rejects_what_is_not_a_size(text: Any) -> None:
    with pytest.raises(ValueError) as error:
        parse_size(text)
    assert str(error.value) == f"expected a size such as '1 MB' or '512 KiB', got {text!r}"


@pytest.mark.parametrize(("size", "text"), [
    (0, "0 B"), (140, "140 B"), (1000, "1 kB"), (1500, "1.5 kB"), (1_000_000, "1 MB"),
    (48_012_345, "48.0 MB"), (1_500_000_000, "1.5 GB"), (524_288, "524.3 kB"),
])
def test_format_size(size: int, text: str) -> None:
    assert format_size(size) == text


def test_an_infinity_is_not_matched_by_a_finite_value() -> None:
    assert compare(np.array([np.inf]), np.array([0.0])) is not None
    assert compare(float("inf"), 1e308) is not None
    assert compare(np.array([1.0]), np.array([np.inf])) is not None


@pytest.mark.parametrize("value", [4.0, 0.0, -0.0, 1e300, [1.0, 2.5], {"loss": 3.0}, (2.0,)])
def test_whole_floats_stay_floats_through_javascript(value: Any) -> None:
    # JSON.parse then JSON.stringify, as the page does, turns 4.0 into 4.
    def like_javascript(text: str) -> Any:
        number = float(text)
        return int(number) if number.is_integer() else number

    travelled = decode(json.loads(json.dumps(encode(value)), parse_float=like_javascript))
    assert compare(value, travelled, 0.0, 0.0) is None
    assert type(travelled) is type(value)
