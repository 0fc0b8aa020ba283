from django.apps import AppConfig


class PostersConfig(AppConfig):
    name = "posters"
    verbose_name = "Poster proposals"
