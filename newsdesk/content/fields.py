"""An image field whose new files are stored cleaned, whoever saves them."""

from typing import Any

from django.db import models

from newsdesk.content.image_cleaning import clean_image


class CleanImageField(models.ImageField):
    """An ImageField that stores a new file as `image_cleaning.clean_image` makes it.

    Django commits a new file to storage in `pre_save`; cleaning there means every write
    path (the back office's forms, the services, imports, the demo loader) stores the
    cleaned image under a generated name, and none can forget to. Validators still run
    first, in `full_clean`, on the upload as it came.
    """

    def pre_save(self, model_instance: models.Model, add: bool) -> Any:
        file = getattr(model_instance, self.attname)
        if file and not file._committed:
            with clean_image(file) as cleaned:
                file.save(cleaned.name, cleaned, save=False)
        return super().pre_save(model_instance, add)
